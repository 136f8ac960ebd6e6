/** Where commands write; tests and the bin pass their own. */
export interface Output {
  out(text: string): void
  err(text: string): void
  /** The stream progress is drawn on. */
  progressStream: NodeJS.WriteStream
}

export const processOutput: Output = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  progressStream: process.stderr,
}
