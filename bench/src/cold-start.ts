import { execFile } from 'node:child_process'
import { dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { builtInProviders, findProvider, type ProviderId } from '@customer-groups/registry'
import { benchProfiles } from './contenders.js'
import { pairedRatioOf, type Summary, summarize } from './stats.js'
import { startStubServer } from './stub-server.js'

const here = dirname(fileURLToPath(import.meta.url))
const run = promisify(execFile)

/**
 * A fresh Node process that imports a client and makes its first call, as a
 * serverless function does on a cold start. It prints how long the import took,
 * in wall time and in CPU time (which the machine's other work disturbs less).
 */
function script(kind: 'openapi-fetch' | 'provider' | 'facade', provider: ProviderId, url: string): string {
  const profile = benchProfiles[provider]
  // The first dynamic import also starts Node's ES module loader, a cost of the process whatever it imports:
  // a tiny module loads first, so the timer sees only the package (the process's wall time still has both).
  const time =
    "await import('data:text/javascript,export{}')\nconst started = performance.now()\nconst cpu = process.cpuUsage()"
  const report =
    'const used = process.cpuUsage(cpu)\nconsole.log(JSON.stringify({ importMs: performance.now() - started, importCpuMs: (used.user + used.system) / 1000 }))'
  if (kind === 'openapi-fetch') {
    return `${time}
const { default: createClient } = await import('openapi-fetch')
${report}
const client = createClient({ baseUrl: ${JSON.stringify(url)} })
${profile.coldCall.openapiFetch}`
  }
  const entry = findProvider(provider)
  if (entry === undefined) throw new Error(`${provider} is not registered`)
  const settings = `{ ${entry.credentials[0]?.setting}: 'cold-start-key', baseUrl: ${JSON.stringify(url)} }`
  if (kind === 'provider') {
    // Creating the client is timed too: the package creates its default instance the same way at import.
    return `${time}
const { ${entry.factory} } = await import('${entry.packageName}')
${report}
const creating = process.cpuUsage()
const client = ${entry.factory}(${settings})
const created = process.cpuUsage(creating)
console.log(JSON.stringify({ createCpuMs: (created.user + created.system) / 1000 }))
${profile.coldCall.provider}`
  }
  return `${time}
const [{ updateCustomerGroup }, { ${entry.factory} }] = await Promise.all([import('@customer-groups/client'), import('${entry.packageName}')])
${report}
const provider = ${entry.factory}(${settings})
${profile.coldCall.facade}`
}

/**
 * Wall time of one fresh process, and the import time it reported. Spawned without blocking: the
 * loopback server it calls runs in this process.
 */
async function runOnce(source: string): Promise<Sample> {
  const started = performance.now()
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', source], {
    cwd: here,
    encoding: 'utf8',
    timeout: 30_000,
  })
  const wallMs = performance.now() - started
  const line = stdout.split('\n').find((text) => text.startsWith('{"importMs"')) ?? '{}'
  const reported = JSON.parse(line) as { importMs?: number; importCpuMs?: number }
  const creation = stdout.split('\n').find((text) => text.startsWith('{"createCpuMs"'))
  return {
    wallMs,
    importMs: reported.importMs ?? Number.NaN,
    importCpuMs: reported.importCpuMs ?? Number.NaN,
    createCpuMs:
      creation === undefined ? Number.NaN : (JSON.parse(creation) as { createCpuMs: number }).createCpuMs,
  }
}

interface Sample {
  wallMs: number
  importMs: number
  importCpuMs: number
  /** CPU time of creating one client after the import, in the provider's process. */
  createCpuMs: number
}

export interface ColdStartRow {
  provider: ProviderId
  /** Whole process, openapi-fetch alone / the provider / facade and provider. */
  wall: Record<'openapi-fetch' | 'provider' | 'facade', Summary>
  importMs: Record<'openapi-fetch' | 'provider' | 'facade', Summary>
  importCpuMs: Record<'openapi-fetch' | 'provider' | 'facade', Summary>
  /** CPU time of creating a client right after the import, as the default instance is created at import. */
  createCpuMs: Summary
  /** Import CPU time, provider over openapi-fetch, paired run by run. */
  importCpuToOpenapiFetch: Summary
  providerToOpenapiFetch: Summary
  facadeToOpenapiFetch: Summary
}

/** Each contender in turn, `runs` times, in a fresh process each time, against a loopback server. */
export async function measureColdStart(runs: number): Promise<ColdStartRow[]> {
  const server = await startStubServer()
  const { url } = server
  const rows: ColdStartRow[] = []
  try {
    for (const provider of builtInProviders.map((entry) => entry.id)) {
      const kinds = ['openapi-fetch', 'provider', 'facade'] as const
      const sources = Object.fromEntries(kinds.map((kind) => [kind, script(kind, provider, url)]))
      const samples = { 'openapi-fetch': [], provider: [], facade: [] } as Record<
        (typeof kinds)[number],
        Sample[]
      >
      await runOnce(sources.provider as string) // warm the file cache
      for (let run = 0; run < runs; run++) {
        // A different contender goes first each run, so drift in the machine's speed is shared.
        const order = [...kinds.slice(run % 3), ...kinds.slice(0, run % 3)]
        for (const kind of order) samples[kind].push(await runOnce(sources[kind] as string))
      }
      const wall = (kind: (typeof kinds)[number]) => samples[kind].map((sample) => sample.wallMs)
      const cpu = (kind: (typeof kinds)[number]) => samples[kind].map((sample) => sample.importCpuMs)
      rows.push({
        provider,
        wall: {
          'openapi-fetch': summarize(wall('openapi-fetch')),
          provider: summarize(wall('provider')),
          facade: summarize(wall('facade')),
        },
        importMs: {
          'openapi-fetch': summarize(samples['openapi-fetch'].map((sample) => sample.importMs)),
          provider: summarize(samples.provider.map((sample) => sample.importMs)),
          facade: summarize(samples.facade.map((sample) => sample.importMs)),
        },
        importCpuMs: {
          'openapi-fetch': summarize(cpu('openapi-fetch')),
          provider: summarize(cpu('provider')),
          facade: summarize(cpu('facade')),
        },
        importCpuToOpenapiFetch: pairedRatioOf(cpu('provider'), cpu('openapi-fetch')),
        createCpuMs: summarize(samples.provider.map((sample) => sample.createCpuMs)),
        providerToOpenapiFetch: pairedRatioOf(wall('provider'), wall('openapi-fetch')),
        facadeToOpenapiFetch: pairedRatioOf(wall('facade'), wall('openapi-fetch')),
      })
    }
  } finally {
    await server.close()
  }
  return rows
}
