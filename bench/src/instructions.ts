// Per-call cost in instructions, which move far less with the machine's load than time does: each
// client runs in a fresh Node process under valgrind's callgrind, making its update against a loopback
// server that runs in this process, so only the client is counted. One process makes 100 calls and
// another 400; their difference over 300 is one call's cost without start-up, import and first
// compiles. Bytes allocated per call are measured apart, without valgrind, with the young generation
// large enough that no collection runs while the calls are counted.
import { execFile, spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { builtInProviders, findProvider, type ProviderId } from '@customer-groups/registry'
import { benchProfiles, handWrittenTimeoutMs } from './contenders.js'
import { type Summary, summarize } from './stats.js'
import { startStubServer } from './stub-server.js'

const here = dirname(fileURLToPath(import.meta.url))
const run = promisify(execFile)

export const callContenders = ['hand-written fetch + timeout', 'provider', 'facade'] as const
export type CallContender = (typeof callContenders)[number]

/** Call counts of the two processes; the difference is what is counted. */
const fewCalls = 100
const manyCalls = 400

/**
 * The source of a fresh process that makes `count` updates (the count is its last argument):
 * by hand with the same per-attempt timeout the clients set, through the provider, or through the facade.
 */
export function callScript(contender: CallContender, provider: ProviderId, baseUrl: string): string {
  const profile = benchProfiles[provider]
  const entry = findProvider(provider)
  if (entry === undefined) throw new Error(`${provider} is not registered`)
  const settings = `{ ${entry.credentials[0]?.setting}: 'instructions-key', baseUrl: ${JSON.stringify(baseUrl)} }`
  const setup = {
    'hand-written fetch + timeout': `
const url = ${JSON.stringify(`${baseUrl}${profile.handWritten.path}`)}
const init = ${JSON.stringify(profile.handWritten.init)}
const once = async () => {
  const controller = new AbortController()
  const timer = setTimeout(() => controller.abort(), ${handWrittenTimeoutMs})
  try {
    return await (await fetch(url, { ...init, signal: controller.signal })).json()
  } finally {
    clearTimeout(timer)
  }
}`,
    provider: `
const { ${entry.factory} } = await import('${entry.packageName}')
const client = ${entry.factory}(${settings})
const once = async () => { ${profile.coldCall.provider} }`,
    facade: `
const [{ updateCustomerGroup }, { ${entry.factory} }] = await Promise.all([import('@customer-groups/client'), import('${entry.packageName}')])
const provider = ${entry.factory}(${settings})
const once = async () => { ${profile.coldCall.facade} }`,
  }[contender]
  return `${setup}
const count = Number(process.argv.at(-1))
for (let call = 0; call < count; call++) await once()`
}

/** The bytes one call leaves on the V8 heap, after a warm-up, with no collection in between. */
function allocationScript(contender: CallContender, provider: ProviderId, baseUrl: string): string {
  return `${callScript(contender, provider, baseUrl).replace(/\nconst count[\s\S]*$/, '')}
const { PerformanceObserver } = await import('node:perf_hooks')
const v8 = await import('node:v8')
for (let call = 0; call < 200; call++) await once()
globalThis.gc()
let collections = 0
new PerformanceObserver((list) => { collections += list.getEntries().length }).observe({ entryTypes: ['gc'] })
const before = v8.getHeapStatistics().used_heap_size
for (let call = 0; call < 300; call++) await once()
const after = v8.getHeapStatistics().used_heap_size
await new Promise((resolve) => setTimeout(resolve, 20))
console.log(JSON.stringify({ perCall: (after - before) / 300, collections }))`
}

export interface InstructionRow {
  provider: ProviderId
  /** Instructions per call, run by run. */
  instructions: Record<CallContender, Summary>
  /**
   * Instructions per call from the fewest each process count took over the runs: what the machine's
   * load adds (more turns of the event loop while an answer is on its way) only ever adds.
   */
  fewest: Record<CallContender, number>
  /** V8 heap bytes allocated per call. */
  allocated: Record<CallContender, number>
  /** From `fewest`. */
  providerToHandWritten: number
  facadeToProvider: number
  allocatedProviderToHandWritten: number
}

export type InstructionResult = { rows: InstructionRow[] } | { skipped: string }

/**
 * Valgrind, installed from Debian packages when it is missing (with sudo when not root);
 * `undefined` when it is there, else why it cannot be.
 */
export function ensureValgrind(): string | undefined {
  const present = () => spawnSync('valgrind', ['--version'], { encoding: 'utf8' }).status === 0
  if (present()) return undefined
  const root = process.getuid?.() === 0
  const apt = (args: string[]) =>
    root
      ? spawnSync('apt-get', args, { encoding: 'utf8', timeout: 600_000 })
      : spawnSync('sudo', ['-n', 'apt-get', ...args], { encoding: 'utf8', timeout: 600_000 })
  const install = () => apt(['install', '-y', '--no-install-recommends', 'valgrind'])
  let attempt = install()
  // A fresh machine may not have the package lists yet.
  if (attempt.status !== 0) {
    apt(['update'])
    attempt = install()
  }
  if (present()) return undefined
  const why = attempt.error?.message ?? attempt.stderr?.trim().split('\n').at(-1) ?? `exit ${attempt.status}`
  return `valgrind is not installed and \`${root ? '' : 'sudo '}apt-get install -y valgrind\` failed (${why})`
}

/** Instructions the client process ran, as callgrind counts them (`Collected : N`). */
async function countInstructions(source: string, calls: number, folder: string): Promise<number> {
  const { stderr } = await run(
    'valgrind',
    [
      '--tool=callgrind',
      `--callgrind-out-file=${join(folder, 'callgrind.%p')}`,
      process.execPath,
      // V8's predictable mode: one thread compiles and collects, and no heuristic depends on the clock.
      '--predictable',
      '--input-type=module',
      '-e',
      source,
      String(calls),
    ],
    { cwd: here, encoding: 'utf8', timeout: 15 * 60_000, maxBuffer: 16 * 1024 * 1024 },
  )
  const collected = stderr.match(/Collected : (\d+)/)?.[1]
  if (collected === undefined) throw new Error(`callgrind printed no count:\n${stderr.slice(-2000)}`)
  return Number(collected)
}

async function allocatedPerCall(source: string): Promise<number> {
  const { stdout } = await run(
    process.execPath,
    [
      '--expose-gc',
      '--min-semi-space-size=128',
      '--max-semi-space-size=128',
      '--input-type=module',
      '-e',
      source,
    ],
    { cwd: here, encoding: 'utf8', timeout: 120_000 },
  )
  const { perCall, collections } = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as {
    perCall: number
    collections: number
  }
  // The forced collection before the count is the only one allowed.
  if (collections > 1) throw new Error(`${collections - 1} collection(s) ran while allocations were counted`)
  return perCall
}

export async function measureInstructions(runs: number): Promise<InstructionResult> {
  const missing = ensureValgrind()
  if (missing !== undefined) return { skipped: missing }
  const server = await startStubServer()
  const folder = mkdtempSync(join(tmpdir(), 'callgrind-'))
  const rows: InstructionRow[] = []
  try {
    for (const provider of builtInProviders.map((entry) => entry.id)) {
      const counts = {} as Record<CallContender, { few: number[]; many: number[] }>
      for (const name of callContenders) counts[name] = { few: [], many: [] }
      for (let round = 0; round < runs; round++) {
        // A different contender goes first each round.
        const order = [...callContenders.slice(round % 3), ...callContenders.slice(0, round % 3)]
        for (const contender of order) {
          const source = callScript(contender, provider, server.url)
          counts[contender].few.push(await countInstructions(source, fewCalls, folder))
          counts[contender].many.push(await countInstructions(source, manyCalls, folder))
        }
      }
      const allocated = {} as Record<CallContender, number>
      for (const name of callContenders)
        allocated[name] = await allocatedPerCall(allocationScript(name, provider, server.url))
      const calls = manyCalls - fewCalls
      const instructions = {} as Record<CallContender, Summary>
      const fewest = {} as Record<CallContender, number>
      for (const name of callContenders) {
        const { few, many } = counts[name]
        instructions[name] = summarize(many.map((count, run) => (count - (few[run] ?? Number.NaN)) / calls))
        fewest[name] = (Math.min(...many) - Math.min(...few)) / calls
      }
      rows.push({
        provider,
        instructions,
        fewest,
        allocated,
        providerToHandWritten: fewest.provider / fewest['hand-written fetch + timeout'],
        facadeToProvider: fewest.facade / fewest.provider,
        allocatedProviderToHandWritten: allocated.provider / allocated['hand-written fetch + timeout'],
      })
    }
  } finally {
    await server.close()
    rmSync(folder, { recursive: true, force: true })
  }
  return { rows }
}
