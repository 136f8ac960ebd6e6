import type { JsonSchema } from '../validation/json-schema.js'

/** One request of a wrapped operation, built from its generated facts. */
export interface OutgoingRequest {
  /** The operationId, for errors, logs and hooks. */
  operation: string
  method: string
  /** Path and query, serialized, to append to the base URL. */
  path: string
  /** JSON text, for operations with a body. */
  body?: string | undefined
  /** The spec's success statuses and the schema each one's JSON body must match (`null`: no body). */
  responses: Readonly<Record<number, JsonSchema | null>>
  /** Headers the spec fixes for the operation, sent on every request of it unless the caller sets them. */
  headers?: Readonly<Record<string, string>> | undefined
}

/** What callers learn about the HTTP exchange besides the body. */
export interface ResponseMetadata<Facts = Record<string, unknown>> {
  status: number
  /** Response headers, secrets redacted. */
  headers: Record<string, string>
  requestId?: string
  /** 1 plus the number of retries it took. */
  attempts: number
  /** From the call's start to the body read, waits between retries included. */
  durationMs: number
  /** Facts a provider reads from its headers, such as rate-limit state. */
  provider?: Facts
}
