/** Where commands write; tests and the bin pass their own. */
export interface Output {
  out(text: string): void
  err(text: string): void
  /** The stream progress is drawn on. */
  progressStream: NodeJS.WriteStream
  /** Whether standard output is a terminal: tables are aligned there, tab-separated elsewhere. */
  isTerminal?: boolean
  /** Where a confirmation question is asked, when not the process's own terminal. */
  prompt?: { input: NodeJS.ReadableStream & { isTTY?: boolean }; output: NodeJS.WritableStream }
}

export const processOutput: Output = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  progressStream: process.stderr,
  isTerminal: process.stdout.isTTY === true,
}
