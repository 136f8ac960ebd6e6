import { APIConnectionTimeoutError, APIUserAbortError, type CustomerGroupsError } from '../errors.js'
import { onAbort } from './abort.js'
import { apiError, connectionError, headerRequestId, redirectError, unusableAnswer } from './answers.js'
import { type CallContext, trailOf } from './call-context.js'
import { attemptInfo, hook } from './observe.js'
import { BodyTooLargeError, decodeText, discardBody, readCappedBytes } from './read-body.js'

/** An answer with a 2xx status, its body read. */
export interface Answered<Facts> {
  response: Response
  text: string
  facts: Facts | undefined
}

/** What one attempt ended with: an answer with a 2xx status and its body read, or the error it makes. */
export type Exchange<Facts> = ({ ok: true } & Answered<Facts>) | { ok: false; error: CustomerGroupsError }

/** The timer of an attempt: a function of its own rather than a closure made per attempt. */
function timeOut(call: CallContext, controller: AbortController): void {
  call.timedOut = true
  controller.abort()
}

/** The error of an attempt that ended because the caller aborted or it timed out; `undefined` otherwise. */
function interruption(call: CallContext, attempt: number): CustomerGroupsError | undefined {
  const { signal } = call
  if (signal?.aborted)
    return new APIUserAbortError({ cause: signal.reason, trail: trailOf(call, attempt), outcome: 'unknown' })
  if (call.timedOut)
    return new APIConnectionTimeoutError(call.pipeline.provider, call.timeoutMs, {
      trail: trailOf(call, attempt),
    })
  return undefined
}

/**
 * One attempt: sends under its own time limit (following the caller's
 * signal), refuses redirects, reads the body under the cap, and types any
 * failure. One async function per attempt: it runs on every request.
 */
export async function exchange<Facts>(call: CallContext, attempt: number): Promise<Exchange<Facts>> {
  const { pipeline, signal: callerSignal } = call
  const controller = new AbortController()
  call.timedOut = false
  const timer = setTimeout(timeOut, call.timeoutMs, call, controller)
  const stopFollowing =
    callerSignal === undefined
      ? undefined
      : onAbort(callerSignal, () => controller.abort(callerSignal.reason))
  const info =
    pipeline.hooks === undefined && !pipeline.logger.enabled('debug') ? undefined : attemptInfo(call, attempt)
  const sent = info === undefined ? 0 : performance.now()
  if (info !== undefined) hook(call, 'onRequest', () => info)
  try {
    let response: Response
    try {
      response = await pipeline.fetch()(call.url, {
        method: call.method,
        headers: call.headers,
        body: call.body ?? null,
        signal: controller.signal,
        // No provider documents a redirect; following one would carry the credential and body along.
        redirect: 'manual',
      })
    } catch (error) {
      const interrupted = interruption(call, attempt)
      if (interrupted !== undefined) call.abandoned = true
      return { ok: false, error: interrupted ?? connectionError(call, error, trailOf(call, attempt)) }
    }
    const status = response.status
    if ((status >= 300 && status < 400) || response.type === 'opaqueredirect') {
      discardBody(response)
      return { ok: false, error: redirectError(call, response, trailOf(call, attempt)) }
    }
    // A provider logs what its headers say; a server may have echoed a secret into them.
    const { inspectResponse } = pipeline.protocol
    const facts = (
      inspectResponse === undefined
        ? undefined
        : (inspectResponse(response.headers, pipeline.redactingLogger(call.redactor)) ?? undefined)
    ) as Facts | undefined
    let text: string
    try {
      text = decodeText(await readCappedBytes(response, pipeline.maxResponseBytes))
    } catch (error) {
      const interrupted = interruption(call, attempt)
      if (interrupted !== undefined) call.abandoned = true
      const reason =
        error instanceof BodyTooLargeError
          ? `a body over the size limit of ${pipeline.maxResponseBytes} bytes (maxResponseBytes)`
          : 'a body that could not be read'
      return {
        ok: false,
        error: interrupted ?? unusableAnswer(call, response, undefined, trailOf(call, attempt), reason),
      }
    }
    if (info !== undefined) observeAnswer(call, response, info, performance.now() - sent, facts)
    if (status < 200 || status >= 300)
      return { ok: false, error: apiError(call, response, text, trailOf(call, attempt)) }
    return { ok: true, response, text, facts }
  } finally {
    clearTimeout(timer)
    stopFollowing?.()
  }
}

/** The debug line and the `onResponse` hook of an answer. */
function observeAnswer(
  call: CallContext,
  response: Response,
  info: ReturnType<typeof attemptInfo>,
  durationMs: number,
  facts: unknown,
): void {
  const { status } = response
  const requestId = headerRequestId(response.headers, call.redactor)
  call.pipeline.logger.debug(
    `${call.pipeline.provider}: ${call.method} ${info.url} attempt ${info.attempt} → ${status} in ${Math.round(durationMs)} ms${requestId === undefined ? '' : ` [request ${requestId}]`}`,
    {
      ...info,
      status,
      durationMs: Math.round(durationMs),
      ...(requestId !== undefined && { requestId }),
      ...(facts as object | undefined),
    },
  )
  hook(call, 'onResponse', () => ({
    ...info,
    status,
    durationMs,
    requestId,
    responseHeaders: call.redactor.headers(response.headers),
  }))
}
