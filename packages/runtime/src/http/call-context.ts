import { type ArgumentIssue, type AttemptTrail, InvalidArgumentError } from '../errors.js'
import { resolveCredential } from '../settings/credentials.js'
import { headersIssues } from '../settings/header-value.js'
import type { Redactor } from '../settings/secrets.js'
import type { CallOptions } from './client-settings.js'
import { countIssues, maxTimeoutMs, type Pipeline } from './pipeline.js'
import { defaultMaxRetries, defaultTimeoutMs } from './retry-policy.js'

let calls = 0

/**
 * Everything one call carries from its first attempt to its last: what is
 * sent, the secrets to mask, the limits, and what its attempts have learnt.
 * Built by `openCall`; each module of the pipeline reads and sets only this.
 */
export interface CallContext {
  readonly pipeline: Pipeline<unknown>
  /** The operationId, or `api` for the openapi-fetch client. */
  readonly operation: string
  /** Unique within this process; the same for every attempt of the call. */
  readonly callId: string
  readonly method: string
  /** The base URL of the moment and the path. */
  readonly url: string
  /** Lower-cased; the credential is among them. */
  readonly headers: Record<string, string>
  body: BodyInit | undefined
  /** The header that carries the credential, lower-cased: nothing else may set it. */
  readonly credentialHeader: string
  readonly signal: AbortSignal | undefined
  readonly timeoutMs: number
  readonly maxRetries: number
  readonly shouldRetry: CallOptions['shouldRetry']
  /** `performance.now()` when the call started. */
  readonly started: number
  readonly redactor: Redactor
  /** Set by an attempt given up on while the server may still work on it: its slot is kept a while. */
  abandoned: boolean
  /** An attempt of this call may have taken effect: every later error of the call says `unknown`. */
  uncertain: boolean
  /** Set when the running attempt's time limit passed. */
  timedOut: boolean
  /** Attempts made so far. */
  attempts: number
}

/** Everything a call needs before its first attempt; throws `InvalidArgumentError` for bad options. */
export function openCall(
  pipeline: Pipeline<unknown>,
  operation: string,
  method: string,
  path: string,
  options: CallOptions | undefined,
): CallContext {
  const { provider, settings } = pipeline
  if (pipeline.unsafe.length > 0) throw new InvalidArgumentError(pipeline.context, pipeline.unsafe)
  const issues = options === undefined ? undefined : optionIssues(options)
  if (issues !== undefined) throw new InvalidArgumentError(`${provider}.${operation}`, issues)
  const credential = resolveCredential(
    pipeline.credentials,
    settings as Record<string, unknown>,
    pipeline.context,
  )
  const headers = { ...pipeline.baseHeaders }
  const callHeaders = options?.headers
  // Own fields only, the ones `optionIssues` checked.
  if (callHeaders !== undefined)
    for (const name of Object.keys(callHeaders)) headers[name.toLowerCase()] = callHeaders[name] as string
  const credentialHeader = credential.name.toLowerCase()
  // The credential wins over any header of the same name, however spelled.
  headers[credentialHeader] = credential.value
  return {
    pipeline,
    operation,
    callId: `${provider}-${++calls}`,
    method,
    url: pipeline.baseUrl() + path,
    headers,
    body: undefined,
    credentialHeader,
    signal: options?.signal,
    timeoutMs: options?.timeoutMs ?? settings.timeoutMs ?? defaultTimeoutMs,
    maxRetries: options?.maxRetries ?? settings.maxRetries ?? defaultMaxRetries,
    shouldRetry: options?.shouldRetry ?? pipeline.shouldRetry,
    started: performance.now(),
    redactor: pipeline.redactor(credential.value, callHeaders),
    abandoned: false,
    uncertain: false,
    timedOut: false,
    attempts: 0,
  }
}

/** The issues of a call's own options; `undefined` when there are none (the usual case, checked without allocating). */
function optionIssues(options: CallOptions): ArgumentIssue[] | undefined {
  const { headers, maxRetries, timeoutMs } = options
  if (headers === undefined && maxRetries === undefined && timeoutMs === undefined) return undefined
  const issues = [
    ...headersIssues('headers', headers),
    ...countIssues('maxRetries', maxRetries, 0),
    ...countIssues('timeoutMs', timeoutMs, 1, maxTimeoutMs),
  ]
  return issues.length > 0 ? issues : undefined
}

/** How much the call has tried after `attempts` attempts, for the error that ends it. */
export function trailOf(call: CallContext, attempts: number): AttemptTrail {
  return {
    attempts,
    elapsedMs: performance.now() - call.started,
    ...(call.uncertain && { outcome: 'unknown' as const }),
  }
}
