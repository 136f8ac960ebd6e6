import { spawnSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

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
}

/**
 * `pnpm generate` cold (turbo --force) and cached, and the time from an edited
 * spec to a rebuilt provider package. The spec edit is undone afterwards.
 */
export function measureCodegen(): CodegenTimes {
  const cold = timeCommand('pnpm', ['turbo', 'run', 'generate', '--force', '--output-logs=none'])
  const cached = timeCommand('pnpm', ['turbo', 'run', 'generate', '--output-logs=none'])
  const spec = join(root, 'specs', 'xtrakit.openapi.yaml')
  const original = readFileSync(spec, 'utf8')
  let editToPackage: number
  try {
    writeFileSync(
      spec,
      // A new title each time: an edit seen before would be a turbo cache hit, not a rebuild.
      original.replace(
        'title: Xtrakit customer groups',
        `title: Xtrakit customer groups (bench edit ${Date.now()})`,
      ),
    )
    editToPackage = timeCommand('pnpm', [
      'turbo',
      'run',
      'build',
      '--filter=@customer-groups/xtrakit',
      '--output-logs=none',
    ])
  } finally {
    writeFileSync(spec, original)
    timeCommand('pnpm', ['turbo', 'run', 'build', '--filter=@customer-groups/xtrakit', '--output-logs=none'])
  }
  return { cold, cached, editToPackage }
}

/** The README's test command with turbo's cache bypassed, as on a fresh clone. */
export function measureTestSuite(): number {
  return timeCommand('pnpm', ['test', '--', '--force', '--output-logs=none'])
}
