import { createInterface } from 'node:readline/promises'
import { UsageError } from './usage-error.js'

/** Without `--yes` and without a terminal there is no one to ask: a usage error, before anything is sent. */
export function refuseWithoutTerminal(options: {
  yes: boolean
  input?: NodeJS.ReadableStream & { isTTY?: boolean }
}): void {
  if (!options.yes && (options.input ?? process.stdin).isTTY !== true)
    throw new UsageError('this changes the shop and there is no terminal to ask: pass --yes to go ahead')
}

/**
 * Asks before a write that cannot be undone. `--yes` answers for scripts;
 * without a terminal and without `--yes` there is no one to ask, so the
 * command refuses rather than guess. Anything but `y` or `yes` is no,
 * and so is no answer at all (Ctrl-D, the input closing).
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
  refuseWithoutTerminal(options)
  const input = options.input ?? process.stdin
  const output = options.output ?? process.stderr
  // Input closed already: no one will answer.
  if ((input as { readableEnded?: boolean }).readableEnded === true) return false
  const reader = createInterface({ input, output })
  // Ctrl-D (or Ctrl-C, or the input closing) at the prompt closes the reader without an answer: that is no.
  // Node 20 then leaves the question unsettled, later versions reject it ("Aborted with Ctrl+D").
  let closed = false
  const onClose = new Promise<undefined>((resolve) =>
    reader.once('close', () => {
      closed = true
      resolve(undefined)
    }),
  )
  try {
    const answer = await Promise.race([
      reader.question(`${question} [y/N] `).catch((error: unknown) => {
        if (closed) return undefined
        throw error
      }),
      onClose,
    ])
    if (answer === undefined) {
      output.write('\n')
      return false
    }
    return /^y(es)?$/i.test(answer.trim())
  } finally {
    reader.close()
  }
}
