/** What every hook is told about the attempt it concerns. Header values and the URL are redacted. */
export interface AttemptInfo {
  provider: string
  /** The operationId, or `api` for a call through the openapi-fetch client. */
  operation: string
  /** Unique within this process; the same for every attempt of one call. */
  callId: string
  /** 1 for the first try. */
  attempt: number
  method: string
  url: string
  headers: Record<string, string>
}

export interface ResponseInfo extends AttemptInfo {
  status: number
  /** From sending to the whole body read. */
  durationMs: number
  requestId: string | undefined
  /** Response headers, redacted. */
  responseHeaders: Record<string, string>
}

export interface RetryInfo extends AttemptInfo {
  /** Why: the error of the attempt that failed. */
  error: Error
  delayMs: number
}

export interface ErrorInfo extends AttemptInfo {
  /** The error the call rejects with, after the last attempt. */
  error: Error
  /** From the call's start, waits between retries included. */
  elapsedMs: number
}

/**
 * Called on every request of every operation, the openapi-fetch client's included: to
 * trace, measure or audit. Hooks observe and cannot change a request; an
 * exception in a hook is logged as a warning and never fails the call.
 */
export interface Hooks {
  /** Just before an attempt is sent. */
  onRequest?(info: AttemptInfo): void
  /** An attempt got an answer, whatever its status. */
  onResponse?(info: ResponseInfo): void
  /** An attempt failed and another follows after `delayMs`. */
  onRetry?(info: RetryInfo): void
  /** The call failed for good. */
  onError?(info: ErrorInfo): void
}
