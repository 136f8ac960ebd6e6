import { APIConnectionError, APIError, CustomerGroupsError } from '../errors.js'

export const defaultMaxRetries = 2
export const defaultTimeoutMs = 60_000
export const defaultInitialRetryDelayMs = 500
export const defaultMaxRetryDelayMs = 8_000
/** The longest `Retry-After` a call waits for; a longer one ends the retries at once, and the error says until when. */
export const maxHonouredRetryAfterMs = 60_000

/** Statuses worth another try everywhere: timeout, conflict, rate limit. Every 5xx is added by `isRetryable`. */
export const defaultRetryStatuses: readonly number[] = [408, 409, 429]

/**
 * Methods that may be sent twice with the effect of once: a read, a
 * replacement, a patch that sets fields, a deletion. A POST (a create) is not
 * one: sent twice, it creates twice.
 */
export function isIdempotent(method: string): boolean {
  return method !== 'POST'
}

/**
 * Whether a request that is not idempotent may be sent again: only when it
 * provably did not happen, because it never left (connection refused, the
 * name did not resolve) or the provider said it did not take it on (429, 503
 * with `Retry-After`). A reset after sending, a timeout, any other 5xx or an
 * unreadable answer may come after the change was made.
 */
export function isSafeToRepeat(error: unknown): boolean {
  if (!CustomerGroupsError.isInstance(error) || error.outcome !== 'failed') return false
  if (APIConnectionError.isInstance(error)) return true
  if (!APIError.isInstance(error)) return false
  return error.status === 429 || (error.status === 503 && error.retryAfterMs !== undefined)
}

// Failures that happen before a byte of the request is sent: no connection, or no address to connect to.
const beforeSending = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EAI_NONAME',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'EADDRNOTAVAIL',
  'UND_ERR_CONNECT_TIMEOUT',
])

/**
 * Whether a failed `fetch` provably sent nothing: its cause (undici puts the
 * system error there; with several addresses tried, an `AggregateError` of
 * them) says the connection was never made. Anything else may have sent the
 * request.
 */
export function neverSent(error: unknown): boolean {
  for (let cause: unknown = error, depth = 0; cause instanceof Error && depth < 5; depth++) {
    const code = (cause as { code?: unknown }).code
    if (typeof code === 'string' && beforeSending.has(code)) return true
    if (cause instanceof AggregateError && cause.errors.length > 0)
      return cause.errors.every((inner) => neverSent(inner))
    cause = cause.cause
  }
  return false
}

/** The default rule: connection failures, timeouts and retryable statuses; never a redirect or a bad body (neither is an `APIError`). */
export function isRetryable(error: unknown, retryStatuses: readonly number[]): boolean {
  if (APIError.isInstance(error)) return error.status >= 500 || retryStatuses.includes(error.status)
  return APIConnectionError.isInstance(error)
}

// `Retry-After` is whole seconds or an IMF-fixdate; a repeated header arrives joined with commas and is neither.
const seconds = /^\d{1,10}$/
const milliseconds = /^\d{1,13}(\.\d+)?$/
const httpDate =
  /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/

/**
 * How long the provider asked us to wait, from `retry-after-ms`, or
 * `Retry-After` in seconds or as an HTTP date. `undefined` when absent or
 * malformed; a date in the past is 0. A long wait is kept, however long: it
 * is the provider saying "not before then", which a retry must not ignore.
 */
export function parseRetryAfter(headers: Headers, now: number = Date.now()): number | undefined {
  const precise = headers.get('retry-after-ms')?.trim()
  if (precise !== undefined && milliseconds.test(precise)) return sane(Number(precise))
  const value = headers.get('retry-after')?.trim()
  if (value === undefined) return undefined
  if (seconds.test(value)) return sane(Number(value) * 1000)
  if (!httpDate.test(value)) return undefined
  const date = Date.parse(value)
  return Number.isNaN(date) ? undefined : sane(Math.max(0, date - now))
}

function sane(ms: number): number | undefined {
  return Number.isFinite(ms) && ms >= 0 ? ms : undefined
}

export interface BackoffSettings {
  initialDelayMs: number
  maxDelayMs: number
}

/** Exponential backoff with jitter, or the provider's own wait when it gave one. */
export function retryDelayMs(
  attempt: number,
  retryAfterMs: number | undefined,
  random: () => number,
  backoff: BackoffSettings = {
    initialDelayMs: defaultInitialRetryDelayMs,
    maxDelayMs: defaultMaxRetryDelayMs,
  },
): number {
  if (retryAfterMs !== undefined) return retryAfterMs
  const exponential = Math.min(backoff.initialDelayMs * 2 ** attempt, backoff.maxDelayMs)
  // Up to 25 % less, so clients that failed together do not retry together.
  return exponential * (1 - random() * 0.25)
}
