import { APIError, InvalidArgumentError } from '../errors.js'
import { headersIssues } from '../settings/header-value.js'
import type { Answered } from './attempt.js'
import { openCall } from './call-context.js'
import type { CallOptions } from './client-settings.js'
import { fail } from './observe.js'
import type { Pipeline } from './pipeline.js'
import { type AttemptOutcome, runAttempts } from './retry-loop.js'

/** openapi-fetch builds absolute URLs from this; the pipeline swaps in the base URL of the moment. */
export const apiBaseUrl = 'http://customer-groups.invalid'

/**
 * `fetch` for openapi-fetch (`client.api`): the same pipeline, answering with
 * a `Response` whatever the status, as openapi-fetch expects. It takes
 * requests built on `apiBaseUrl` only.
 */
export async function apiFetch(pipeline: Pipeline<unknown>, request: Request): Promise<Response> {
  const context = `${pipeline.provider}.api`
  if (!request.url.startsWith(`${apiBaseUrl}/`)) {
    throw new InvalidArgumentError(context, [
      { field: 'baseUrl', code: 'invalid-url', message: "client.api sends only to the client's base URL" },
    ])
  }
  const path = request.url.slice(apiBaseUrl.length)
  const options: CallOptions = { signal: request.signal }
  const call = openCall(pipeline, 'api', request.method, path, options)
  // The request's own headers win over the settings' headers, as per-call headers do; never over the credential.
  for (const [name, value] of request.headers) {
    if (name === call.credentialHeader) continue
    const issues = headersIssues('headers', { [name]: value })
    if (issues.length > 0) throw new InvalidArgumentError(context, issues)
    call.headers[name] = value
  }
  // Read once, so every retry sends the same bytes.
  if (request.body !== null) call.body = await request.arrayBuffer()
  const outcome = await runAttempts(call, asIs, undefined)
  if (outcome.ok) return rebuilt(outcome.response, call.redactor.text(outcome.text))
  const { error } = outcome
  // Like openapi-fetch itself: an error status is an answer ({ error }), anything else throws.
  if (APIError.isInstance(error)) {
    const json = typeof error.body !== 'string'
    return new Response(json ? JSON.stringify(error.body ?? null) : error.body, {
      status: error.status,
      headers: { ...error.headers, 'content-type': json ? 'application/json' : 'text/plain' },
    })
  }
  return fail(call, call.attempts, error)
}

/** The same status and headers around a body already read. */
function rebuilt(response: Response, text: string): Response {
  const empty = response.status === 204 || response.status === 205 || response.status === 304
  return new Response(empty ? null : text, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  })
}

/** Any 2xx answer, unchecked: openapi-fetch reads it. */
function asIs(_call: unknown, answered: Answered<unknown>): AttemptOutcome<Answered<unknown>> {
  return { ok: true, ...answered }
}
