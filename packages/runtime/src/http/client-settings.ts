import type { Hooks } from './hooks.js'
import type { Logger, LogLevel } from './logger.js'

/** The shape of the global `fetch`. The pipeline calls it as `fetch(url, init)`. */
export type Fetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>

/** Decides whether a failed attempt is tried again; `undefined` leaves it to the default rule. */
export type ShouldRetry = (context: { error: Error; attempt: number }) => boolean | undefined

export interface RetrySettings {
  /** Wait before the first retry when the provider named none (default 500 ms); doubles each time. */
  initialDelayMs?: number | undefined
  /** Longest wait between retries when the provider named none (default 8 000 ms). */
  maxDelayMs?: number | undefined
  /** Your own rule, asked after every failed attempt that has retries left. */
  shouldRetry?: ShouldRetry | undefined
}

/** Settings every provider client accepts besides its credentials. */
export interface ClientSettings {
  /** Overrides the provider's environment variable and the spec's server. */
  baseUrl?: string | undefined
  /** A `fetch` to use instead of the global one (tests, proxies, instrumentation); called as `fetch(url, init)`. */
  fetch?: Fetch | undefined
  /** Extra headers sent with every request (`User-Agent` among them, to replace ours). */
  headers?: Record<string, string> | undefined
  /** Retries after the first attempt (default 2). */
  maxRetries?: number | undefined
  /** Backoff and your own retry rule. */
  retry?: RetrySettings | undefined
  /** Time limit of each attempt in milliseconds (default 60 000, at most 2^31 − 1). */
  timeoutMs?: number | undefined
  /** Most requests in flight at once from this client instance; more wait in a queue. */
  maxConcurrency?: number | undefined
  /** Largest response body read, counted after decompression (default 10 MiB). */
  maxResponseBytes?: number | undefined
  /** Where log lines go (default `console`); every value is redacted. */
  logger?: Logger | undefined
  /** Lowest level written (default: CUSTOMER_GROUPS_LOG, else `warn`). */
  logLevel?: LogLevel | undefined
  /** Called on every request, retry and failure. */
  hooks?: Hooks | undefined
  /** Allow creating a client in a web browser, where anyone who opens the page can read its credential. */
  dangerouslyAllowBrowser?: boolean | undefined
}

/** Per-call overrides. */
export interface CallOptions {
  signal?: AbortSignal | undefined
  maxRetries?: number | undefined
  timeoutMs?: number | undefined
  headers?: Record<string, string> | undefined
  shouldRetry?: ShouldRetry | undefined
}

/**
 * The settings of a provider package's default instance, which is created
 * when the package is imported and reads everything from the environment
 * when it is called.
 */
export const defaultInstanceSettings: ClientSettings = Object.freeze({})
