import { APIConnectionError } from '../errors/api-connection-error.js'
import { APIError } from '../errors/api-error.js'

export const defaultMaxRetries = 2
export const defaultTimeoutMs = 60_000
const baseDelayMs = 500
const maxDelayMs = 8_000
const maxHonouredRetryAfterMs = 60_000

/** Statuses worth another try everywhere: timeout, conflict, rate limit. Every 5xx is added by `isRetryable`. */
export const defaultRetryStatuses: readonly number[] = [408, 409, 429]

export function isRetryable(error: unknown, retryStatuses: readonly number[]): boolean {
  if (APIError.isInstance(error)) return error.status >= 500 || retryStatuses.includes(error.status)
  return APIConnectionError.isInstance(error)
}

/**
 * How long the provider asked us to wait, from `retry-after-ms`, or `Retry-After`
 * in seconds or as an HTTP date. `undefined` when absent or unusable.
 */
export function parseRetryAfter(headers: Headers, now: number = Date.now()): number | undefined {
  const milliseconds = Number.parseFloat(headers.get('retry-after-ms') ?? '')
  if (Number.isFinite(milliseconds)) return milliseconds
  const value = headers.get('retry-after')
  if (value === null || value.trim() === '') return undefined
  const seconds = Number(value)
  if (Number.isFinite(seconds)) return seconds * 1000
  const date = Date.parse(value)
  return Number.isNaN(date) ? undefined : Math.max(0, date - now)
}

/** Exponential backoff with jitter, unless the provider's own wait is sane (0 to 60 s). */
export function retryDelayMs(
  attempt: number,
  retryAfterMs: number | undefined,
  random: () => number,
): number {
  if (retryAfterMs !== undefined && retryAfterMs >= 0 && retryAfterMs <= maxHonouredRetryAfterMs)
    return retryAfterMs
  const exponential = Math.min(baseDelayMs * 2 ** attempt, maxDelayMs)
  // Up to 25 % less, so clients that failed together do not retry together.
  return exponential * (1 - random() * 0.25)
}
