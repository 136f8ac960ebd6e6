import type { CallOptions } from './client-settings.js'

/**
 * The per-call options among `source`'s fields, only those given: a request
 * or an options object carries them beside its own fields, and
 * exactOptionalPropertyTypes keeps `undefined` out of optional ones.
 */
export function callOptionsOf(source: CallOptions): CallOptions {
  const options: CallOptions = {}
  if (source.signal !== undefined) options.signal = source.signal
  if (source.maxRetries !== undefined) options.maxRetries = source.maxRetries
  if (source.timeoutMs !== undefined) options.timeoutMs = source.timeoutMs
  if (source.headers !== undefined) options.headers = source.headers
  if (source.shouldRetry !== undefined) options.shouldRetry = source.shouldRetry
  return options
}
