import { spawnSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { loadavg } from 'node:os'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { builtInProviders } from '@customer-groups/registry'

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..')

/** No timed command may run longer than this; the test suite takes under two minutes. */
const commandTimeLimitMs = 10 * 60_000

/**
 * CPU seconds used so far by this process's finished children (Linux's cutime and cstime), or
 * NaN where /proc is missing: the time a command spent computing, whatever else the machine does.
 */
function childrenCpuSeconds(): number {
  try {
    // The fields after the command name, which may itself hold spaces and parentheses.
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]?.split(' ') ?? []
    const ticks = spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()
    return (Number(fields[13]) + Number(fields[14])) / Number(ticks || 100)
  } catch {
    return Number.NaN
  }
}

/** Wall and CPU seconds of a command run from the repo root; throws when it fails or runs too long. */
export function timeCommandCpu(command: string, args: string[]): { wall: number; cpu: number } {
  const cpu = childrenCpuSeconds()
  const wall = timeCommand(command, args)
  return { wall, cpu: childrenCpuSeconds() - cpu }
}

/** Wall time of a command run from the repo root, in seconds; throws when it fails or runs too long. */
export function timeCommand(command: string, args: string[]): number {
  const started = performance.now()
  const result = spawnSync(command, args, {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
    timeout: commandTimeLimitMs,
    maxBuffer: 64 * 1024 * 1024,
  })
  if (result.error !== undefined) throw new Error(`${command} ${args.join(' ')}: ${result.error.message}`)
  if (result.status !== 0) {
    // The end of what it printed says what failed (pnpm test ends with its list of failures).
    const tail = `${result.stdout}${result.stderr}`.trim().split('\n').slice(-12).join('\n')
    throw new Error(`${command} ${args.join(' ')} failed (exit ${result.status}):\n${tail}`)
  }
  return (performance.now() - started) / 1000
}

export interface CodegenTimes {
  /** `pnpm generate`, each run a fresh process with no cache: wall and CPU seconds of each run. */
  cold: { wall: number; cpu: number }[]
  editToPackage: number
  /** The spec edited, from the repository's root. */
  editedSpec: string
}

/** The registry's first provider: its package, and the hand-written spec its manifest names. */
function firstProvider(): { packageName: string; spec: string } {
  const [entry] = builtInProviders
  const manifestPath = createRequire(import.meta.url).resolve(`${entry.packageName}/package.json`)
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { 'customer-groups': { spec: string } }
  return {
    packageName: entry.packageName,
    spec: resolve(dirname(manifestPath), manifest['customer-groups'].spec),
  }
}

/**
 * `pnpm generate` (every spec, in a fresh process, nothing cached), `runs`
 * times, and the time from an edited spec (the registry's first provider's)
 * to a rebuilt provider package through turbo. The spec edit is undone afterwards.
 */
export function measureCodegen(runs: number): CodegenTimes {
  const cold = Array.from({ length: runs }, () => timeCommandCpu('pnpm', ['generate']))
  const { packageName, spec } = firstProvider()
  const original = readFileSync(spec, 'utf8')
  const build = ['turbo', 'run', 'build', `--filter=${packageName}`, '--output-logs=none']
  let editToPackage: number
  try {
    // A new title each time: an edit seen before would be a turbo cache hit, not a rebuild.
    writeFileSync(spec, original.replace(/^( {2}title: .*)$/m, `$1 (bench edit ${Date.now()})`))
    editToPackage = timeCommand('pnpm', build)
  } finally {
    writeFileSync(spec, original)
    timeCommand('pnpm', build)
  }
  return { cold, editToPackage, editedSpec: relative(root, spec) }
}

export interface TestSuiteTimes {
  /** Turbo's cache bypassed, as on a fresh clone with a warm install. */
  cold: { wall: number; cpu: number }
  /** Straight after, nothing changed: what turbo's cache leaves to do. */
  warm: { wall: number; cpu: number }
  /** The one-minute load average when the cold run started: what else the machine was doing. */
  loadBefore: number
}

/** The README's test command, cold (turbo's cache bypassed) and then warm; throws when it fails. */
export function measureTestSuite(): TestSuiteTimes {
  const loadBefore = loadavg()[0] ?? Number.NaN
  // `pnpm test` starts the Prism mocks every test process shares, then runs turbo; what follows `--` goes to turbo.
  const cold = timeCommandCpu('pnpm', ['test', '--', '--force'])
  const warm = timeCommandCpu('pnpm', ['test'])
  return { cold, warm, loadBefore }
}
