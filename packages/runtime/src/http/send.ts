import { boundValue } from '../validation/bounded-value.js'
import { boundedId, checkSuccessBody, headerRequestId, metadata, unusableAnswer } from './answers.js'
import type { Answered } from './attempt.js'
import { type CallContext, openCall, trailOf } from './call-context.js'
import type { CallOptions } from './client-settings.js'
import { fail } from './observe.js'
import type { Pipeline } from './pipeline.js'
import type { OutgoingRequest, ResponseMetadata } from './request.js'
import { type AttemptOutcome, runAttempts } from './retry-loop.js'

interface Answer {
  data: unknown
  response: Response
  requestId: string | undefined
  facts: unknown
}

/** Sends one request of a wrapped operation through the whole pipeline; its body is checked against the spec. */
export async function sendRequest<Data, Facts>(
  pipeline: Pipeline<Facts>,
  request: OutgoingRequest,
  options: CallOptions | undefined,
): Promise<{ data: Data; response: ResponseMetadata<Facts> }> {
  const call = openCall(
    pipeline as Pipeline<unknown>,
    request.operation,
    request.method,
    request.path,
    options,
  )
  // Below the caller's own headers, like the body's content type; never the credential's header.
  for (const name in request.headers) {
    const lower = name.toLowerCase()
    if (lower !== call.credentialHeader) call.headers[lower] ??= request.headers[name] as string
  }
  if (request.body !== undefined) {
    call.body = request.body
    // The operation's JSON is the lowest-priority default; a caller's own content-type wins.
    call.headers['content-type'] ??= 'application/json'
  }
  const outcome = await runAttempts(call, checkedAnswer, request)
  if (!outcome.ok) fail(call, call.attempts, outcome.error)
  return {
    data: outcome.data as Data,
    response: metadata(
      call,
      outcome as { response: Response; requestId: string | undefined; facts: Facts },
      call.attempts,
    ),
  }
}

/** A 2xx answer's body checked against the spec, bounded, then masked, once for every reader: the request id, warnings, groups and raw body. */
function checkedAnswer(
  call: CallContext,
  { response, text, facts }: Answered<unknown>,
  attempt: number,
  request: OutgoingRequest,
): AttemptOutcome<Answer> {
  const checked = checkSuccessBody(request, response, text, call.redactor)
  if (typeof checked === 'string') {
    return { ok: false, error: unusableAnswer(call, response, text, trailOf(call, attempt), checked) }
  }
  let data = boundValue(checked.data)
  if (call.redactor.mayHold(text)) data = call.redactor.deep(data)
  const requestId =
    boundedId(call.pipeline.protocol.entry.requestIdOf?.(data)) ??
    headerRequestId(response.headers, call.redactor)
  return { ok: true, data, response, requestId, facts }
}
