// Runs a bundled Worker in workerd through miniflare and prints its answer:
// `node workerd-host.mjs RUNTIMES_DIR WORKER.js CONFIG_JSON`. The Worker reaches the loopback servers
// with its own global fetch, through workerd's outbound network, as a deployed Worker reaches the internet.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'

const [runtimesDir = '', script = '', config = '{}'] = process.argv.slice(2)
const require = createRequire(join(runtimesDir, 'package.json'))
const { Miniflare } = await import(pathToFileURL(require.resolve('miniflare')).href)
const { version: workerdVersion } = JSON.parse(readFileSync(require.resolve('workerd/package.json'), 'utf8'))

const miniflare = new Miniflare({
  modules: true,
  script: readFileSync(script, 'utf8'),
  // The date of the workerd release, without nodejs_compat: the packages must need no Node API.
  compatibilityDate: workerdVersion.replace(/^1\.(\d{4})(\d{2})(\d{2}).*$/, '$1-$2-$3'),
})
try {
  const response = await miniflare.dispatchFetch('http://worker.test/', { method: 'POST', body: config })
  const text = await response.text()
  if (!response.ok) throw new Error(`the Worker answered ${response.status}: ${text}`)
  console.log(text)
} finally {
  await miniflare.dispose()
}
