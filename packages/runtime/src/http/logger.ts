/** Where the clients report what they do. Pass `console` to see it; every value is already redacted. */
export interface Logger {
  debug(message: string, details?: Record<string, unknown>): void
  warn(message: string, details?: Record<string, unknown>): void
}

export const silentLogger: Logger = {
  debug() {},
  warn() {},
}
