import { spawnSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { builtInProviders } from '@customer-groups/registry'

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..')

/** No timed command may run longer than this; the test suite takes under two minutes. */
const commandTimeLimitMs = 10 * 60_000

/** Wall time of a command run from the repo root, in seconds; throws when it fails or runs too long. */
export function timeCommand(command: string, args: string[]): number {
  const started = performance.now()
  const result = spawnSync(command, args, {
    cwd: root,
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
    timeout: commandTimeLimitMs,
  })
  if (result.error !== undefined) throw new Error(`${command} ${args.join(' ')}: ${result.error.message}`)
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed:\n${result.stderr}`)
  return (performance.now() - started) / 1000
}

export interface CodegenTimes {
  cold: number
  cached: number
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
 * `pnpm generate` cold (turbo --force) and cached, and the time from an edited
 * spec (the registry's first provider's) to a rebuilt provider package. The
 * spec edit is undone afterwards.
 */
export function measureCodegen(): CodegenTimes {
  const cold = timeCommand('pnpm', ['turbo', 'run', 'generate', '--force', '--output-logs=none'])
  const cached = timeCommand('pnpm', ['turbo', 'run', 'generate', '--output-logs=none'])
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
  return { cold, cached, editToPackage, editedSpec: relative(root, spec) }
}

/** The README's test command with turbo's cache bypassed, as on a fresh clone. */
export function measureTestSuite(): number {
  return timeCommand('pnpm', ['test', '--', '--force', '--output-logs=none'])
}
