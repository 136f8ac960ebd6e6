import {
  APIConnectionTimeoutError,
  APIUserAbortError,
  type AttemptTrail,
  type CustomerGroupsError,
} from '../errors.js'
import { onAbort } from './abort.js'
import { apiError, connectionError, headerRequestId, redirectError, unusableAnswer } from './answers.js'
import { type CallContext, trailOf } from './call-context.js'
import { redactingLogger } from './logger.js'
import { attemptInfo, hook } from './observe.js'
import { BodyTooLargeError, discardBody, readCappedText } from './read-body.js'

/** What one attempt ended with: an answer with a 2xx status and its body read, or the error it makes. */
export type Exchange<Facts> =
  | { ok: true; response: Response; text: string; facts: Facts | undefined }
  | { ok: false; error: CustomerGroupsError }

/** The abort and timeout of one attempt: its own controller, following the caller's signal. */
interface AttemptClock {
  readonly signal: AbortSignal
  /** The error of an attempt that ended because the caller aborted or it timed out. */
  interruption(): CustomerGroupsError | undefined
  stop(): void
}

function startClock(call: CallContext, trail: () => AttemptTrail): AttemptClock {
  const { signal: callerSignal, timeoutMs } = call
  const controller = new AbortController()
  let timedOut = false
  const timer = setTimeout(() => {
    timedOut = true
    controller.abort()
  }, timeoutMs)
  const stopFollowing =
    callerSignal === undefined
      ? undefined
      : onAbort(callerSignal, () => controller.abort(callerSignal.reason))
  return {
    signal: controller.signal,
    interruption() {
      if (callerSignal?.aborted)
        return new APIUserAbortError({ cause: callerSignal.reason, trail: trail(), outcome: 'unknown' })
      if (timedOut)
        return new APIConnectionTimeoutError(call.pipeline.provider, timeoutMs, { trail: trail() })
      return undefined
    },
    stop() {
      clearTimeout(timer)
      stopFollowing?.()
    },
  }
}

/** One attempt: sends, refuses redirects, reads the body under the cap, and types any failure. */
export async function exchange<Facts>(call: CallContext, attempt: number): Promise<Exchange<Facts>> {
  const { pipeline } = call
  const trail = (): AttemptTrail => trailOf(call, attempt)
  const clock = startClock(call, trail)
  const sent = performance.now()
  const info =
    pipeline.hooks === undefined && !pipeline.logger.enabled('debug') ? undefined : attemptInfo(call, attempt)
  if (info !== undefined) hook(call, 'onRequest', () => info)
  try {
    let response: Response
    try {
      response = await pipeline.fetch()(call.url, {
        method: call.method,
        headers: call.headers,
        body: call.body ?? null,
        signal: clock.signal,
        // No provider documents a redirect; following one would carry the credential and body along.
        redirect: 'manual',
      })
    } catch (error) {
      const interrupted = clock.interruption()
      if (interrupted !== undefined) call.abandoned = true
      return { ok: false, error: interrupted ?? connectionError(call, error, trail()) }
    }
    const status = response.status
    if ((status >= 300 && status < 400) || response.type === 'opaqueredirect') {
      discardBody(response)
      return { ok: false, error: redirectError(call, response, trail()) }
    }
    // A provider logs what its headers say; a server may have echoed a secret into them.
    const facts = (pipeline.protocol.inspectResponse?.(
      response.headers,
      redactingLogger(pipeline.logger, call.redactor),
    ) ?? undefined) as Facts | undefined
    let text: string
    try {
      text = await readCappedText(response, pipeline.maxResponseBytes)
    } catch (error) {
      const interrupted = clock.interruption()
      if (interrupted !== undefined) call.abandoned = true
      const reason =
        error instanceof BodyTooLargeError
          ? `a body over the size limit of ${pipeline.maxResponseBytes} bytes (maxResponseBytes)`
          : 'a body that could not be read'
      return { ok: false, error: interrupted ?? unusableAnswer(call, response, undefined, trail(), reason) }
    }
    if (info !== undefined) observeAnswer(call, response, info, performance.now() - sent, facts)
    if (status < 200 || status >= 300) return { ok: false, error: apiError(call, response, text, trail()) }
    return { ok: true, response, text, facts }
  } finally {
    clock.stop()
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
