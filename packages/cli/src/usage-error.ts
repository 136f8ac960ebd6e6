/** Bad usage or a bad change file: the CLI exits with code 2 and sends nothing. */
export class UsageError extends Error {
  override readonly name = 'UsageError'
}
