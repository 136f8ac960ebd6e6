/** Bad usage (an unknown flag, a missing argument): exit code 2, with one line and where the help is. */
export class UsageError extends Error {
  override readonly name = 'UsageError'
}

/**
 * A bad input file, accounts file, journal or path, found before anything was
 * sent: exit code 2 with the message alone (the usage would only hide it).
 */
export class InputError extends Error {
  override readonly name = 'InputError'
}
