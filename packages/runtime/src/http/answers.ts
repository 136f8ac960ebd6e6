import {
  type AnswerInit,
  APIConnectionError,
  type APIError,
  type AttemptTrail,
  CustomerGroupsError,
  createAPIError,
  InvalidResponseError,
  RedirectError,
} from '../errors.js'
import type { Redactor } from '../settings/secrets.js'
import { boundValue } from '../validation/bounded-value.js'
import { schemaIssues } from '../validation/json-schema.js'
import type { CallContext } from './call-context.js'
import { describeCause } from './observe.js'
import type { OutgoingRequest, ResponseMetadata } from './request.js'
import { neverSent, parseRetryAfter } from './retry-policy.js'

/** Error bodies longer than this are kept as (cut) text, not parsed. */
const maxParsedErrorBytes = 64 * 1024
/** How much of an unusable body an error keeps. */
export const keptTextLength = 2_000
/** How many provider problems an error keeps. */
const keptErrorDetails = 100

/** An answer with an error status, typed by its status, the provider's problems read from its body. */
export function apiError(call: CallContext, response: Response, text: string, trail: AttemptTrail): APIError {
  const { entry } = call.pipeline.protocol
  const body = errorBody(text, call.redactor)
  const errors = entry.parseError(body, response.status).slice(0, keptErrorDetails)
  return createAPIError({
    ...answerInit(call, response, body, trail),
    errors,
    requestId: boundedId(entry.requestIdOf?.(body)) ?? headerRequestId(response.headers, call.redactor),
    retryAfterMs: parseRetryAfter(response.headers),
  })
}

/** What every error made from an answer says about it: provider, status, redacted headers, body. */
export function answerInit(
  call: CallContext,
  response: Response,
  body: unknown,
  trail: AttemptTrail,
): AnswerInit {
  return {
    provider: call.pipeline.provider,
    status: response.status,
    headers: call.redactor.headers(response.headers),
    body,
    trail,
  }
}

/** A redirect, named by the origin it points to (never its path, which may carry a secret). */
export function redirectError(call: CallContext, response: Response, trail: AttemptTrail): RedirectError {
  let target: string | undefined
  try {
    const location = response.headers.get('location')
    if (location !== null) target = new URL(location, response.url || call.url).origin
  } catch {
    target = undefined
  }
  return new RedirectError(answerInit(call, response, undefined, trail), target)
}

/** A `fetch` that threw: no answer came; `failed` only when the request provably never left. */
export function connectionError(call: CallContext, error: unknown, trail: AttemptTrail): CustomerGroupsError {
  if (CustomerGroupsError.isInstance(error)) return error
  const { provider } = call.pipeline
  const reason = call.redactor.text(describeCause(error)).slice(0, keptTextLength)
  return new APIConnectionError(provider, `Could not reach ${provider}: ${reason}`, {
    cause: error,
    trail,
    outcome: neverSent(error) ? 'failed' : 'unknown',
  })
}

/** A success whose body cannot be used: the reason, and the start of what came. */
export function unusableAnswer(
  call: CallContext,
  response: Response,
  text: string | undefined,
  trail: AttemptTrail,
  reason: string,
): InvalidResponseError {
  const body = text === undefined ? undefined : call.redactor.deep(cut(text, keptTextLength, call.redactor))
  return new InvalidResponseError(answerInit(call, response, body, trail), reason)
}

/** The JSON body of a success, checked against the spec; a string says what is wrong with it. */
export function checkSuccessBody(
  request: OutgoingRequest,
  response: Response,
  text: string,
  redactor: Redactor,
): { data: unknown } | string {
  const status = response.status
  if (!Object.hasOwn(request.responses, status)) {
    return `status ${status}, which the spec does not list for ${request.operation}`
  }
  const schema = request.responses[status]
  if (schema === null || schema === undefined) return { data: undefined }
  // /\S/ stops at the first visible character; trim() would copy the whole body.
  if (!/\S/.test(text)) return 'an empty body'
  const contentType = response.headers.get('content-type') ?? ''
  if (!/[/+]json\b/i.test(contentType)) {
    return `content type "${redactor.text(contentType).slice(0, 100)}" instead of JSON`
  }
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch {
    return 'malformed JSON'
  }
  const problems = schemaIssues(schema, data, { parsedJson: true })
  if (problems.length > 0) {
    const listed = problems
      .slice(0, 3)
      .map((issue) => `${redactor.text(issue.field).slice(0, 100)} ${issue.message}`)
    if (problems.length > 3) listed.push(`and ${problems.length - 3} more`)
    return `a body that does not match the spec: ${listed.join('; ')}`
  }
  return { data }
}

/** What a success tells the caller besides its body; headers are redacted when first read. */
export function metadata<Facts>(
  call: CallContext,
  answer: { response: Response; requestId: string | undefined; facts: Facts | undefined },
  attempts: number,
): ResponseMetadata<Facts> {
  const { response, requestId, facts } = answer
  let headers: Record<string, string> | undefined
  const meta: ResponseMetadata<Facts> = {
    status: response.status,
    // Redacted on first read: most callers never look at the headers.
    get headers() {
      headers ??= call.redactor.headers(response.headers)
      return headers
    },
    attempts,
    durationMs: performance.now() - call.started,
  }
  if (requestId !== undefined) meta.requestId = requestId
  if (facts !== undefined) meta.provider = facts
  return meta
}

/** An error body: parsed when it is JSON of a bounded size, else its text cut short; secrets masked either way. */
function errorBody(text: string, redactor: Redactor): unknown {
  if (text === '') return undefined
  if (text.length <= maxParsedErrorBytes) {
    try {
      return redactor.deep(boundValue(JSON.parse(text)))
    } catch {
      // Not JSON: kept as text below.
    }
  }
  return cut(text, keptTextLength, redactor)
}

/** Masks secrets first, then cuts: a secret that crosses the cut must not leave its start behind. */
function cut(text: string, limit: number, redactor: Redactor): string {
  const masked = redactor.text(text)
  return masked.length <= limit
    ? masked
    : `${masked.slice(0, limit)}… (${masked.length - limit} more characters)`
}

export function headerRequestId(headers: Headers, redactor: Redactor): string | undefined {
  const value = headers.get('x-request-id') ?? headers.get('request-id')
  return value === null ? undefined : boundedId(redactor.text(value))
}

/** A request id is short; a longer one is cut, so a hostile server cannot flood messages with it. */
export function boundedId(value: string | undefined): string | undefined {
  return value === undefined ? undefined : value.slice(0, 200)
}
