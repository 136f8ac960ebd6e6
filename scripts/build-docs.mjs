// `pnpm run docs` (not `pnpm docs`: that is pnpm's own command, which opens a package's web page):
// - the API reference of every published package, made by TypeDoc from the built .d.ts files,
//   into docs-html/api/ (typedoc.config.mjs; it fails on an export without documentation);
// - a browsable reference of each provider's HTTP API, from its spec in specs/, into docs-html/<provider>.html.
// docs-html/ is git-ignored.
import { execFileSync } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const run = (args) => execFileSync('pnpm', ['exec', ...args], { cwd: root, stdio: 'inherit' })

// The reference is made from what users install: the build's .d.ts files.
run(['turbo', 'run', 'build', '--output-logs=errors-only'])
run(['typedoc'])
for (const file of readdirSync(`${root}specs`).filter((name) => name.endsWith('.openapi.yaml'))) {
  const name = file.replace('.openapi.yaml', '')
  run(['redocly', 'build-docs', `specs/${file}`, '-o', `docs-html/${name}.html`])
}
