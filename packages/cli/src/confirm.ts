import { createInterface } from 'node:readline/promises'
import { UsageError } from './usage-error.js'

/**
 * Asks before a write that cannot be undone. `--yes` answers for scripts;
 * without a terminal and without `--yes` there is no one to ask, so the
 * command refuses rather than guess.
 */
export async function confirm(
  question: string,
  options: {
    yes: boolean
    input?: NodeJS.ReadableStream & { isTTY?: boolean }
    output?: NodeJS.WritableStream
  },
): Promise<boolean> {
  if (options.yes) return true
  const input = options.input ?? process.stdin
  if (input.isTTY !== true) {
    throw new UsageError('this changes the shop and there is no terminal to ask: pass --yes to go ahead')
  }
  const reader = createInterface({ input, output: options.output ?? process.stderr })
  try {
    const answer = await reader.question(`${question} [y/N] `)
    return /^y(es)?$/i.test(answer.trim())
  } finally {
    reader.close()
  }
}
