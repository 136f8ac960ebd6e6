import { APIError } from '../errors.js'
import type { Answered } from './attempt.js'
import { openCall } from './call-context.js'
import type { CallOptions } from './client-settings.js'
import { fail } from './observe.js'
import type { Pipeline } from './pipeline.js'
import { type AttemptOutcome, runAttempts } from './retry-loop.js'

/** A request sent through the pipeline without the spec's checks: what the openapi-fetch client sends. */
export interface RawRequest {
  /** Named in errors, logs and hooks: `api` for the openapi-fetch client. */
  operation: string
  method: string
  /** Path and query, serialized, to append to the base URL. */
  path: string
  /** Sent as is, on every attempt: bytes or text, never a stream that a retry could not read again. */
  body?: ArrayBuffer | string | undefined
}

/**
 * What a raw request ends with when an answer came: a 2xx answer with its
 * body read (secrets masked), or the `APIError` of an error status. Anything
 * else (no answer, a timeout, a redirect, a body too large) rejects.
 */
export type RawAnswer = { ok: true; response: Response; text: string } | { ok: false; error: APIError }

/** Sends a request the spec does not check through the whole pipeline; see `Transport.sendRaw`. */
export async function sendRawRequest(
  pipeline: Pipeline<unknown>,
  request: RawRequest,
  options: CallOptions | undefined,
): Promise<RawAnswer> {
  const call = openCall(pipeline, request.operation, request.method, request.path, options)
  if (request.body !== undefined) call.body = request.body
  const outcome = await runAttempts(call, asIs, undefined)
  if (outcome.ok) return { ok: true, response: outcome.response, text: call.redactor.text(outcome.text) }
  // An error status is an answer, as openapi-fetch sees it; the hooks' onError is for calls that failed.
  if (APIError.isInstance(outcome.error)) return { ok: false, error: outcome.error }
  return fail(call, call.attempts, outcome.error)
}

/** Any 2xx answer, unchecked. */
function asIs(_call: unknown, answered: Answered<unknown>): AttemptOutcome<Answered<unknown>> {
  return { ok: true, ...answered }
}
