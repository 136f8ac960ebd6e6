import type { ProviderEntry } from '@customer-groups/registry'
import { APIConnectionError } from '../errors/api-connection-error.js'
import { APIConnectionTimeoutError } from '../errors/api-connection-timeout-error.js'
import type { ProviderErrorDetail } from '../errors/api-error.js'
import { APIError } from '../errors/api-error.js'
import { APIUserAbortError } from '../errors/api-user-abort-error.js'
import { createAPIError } from '../errors/create-api-error.js'
import { type AttemptTrail, CustomerGroupsError } from '../errors/customer-groups-error.js'
import { type ArgumentIssue, InvalidArgumentError } from '../errors/invalid-argument-error.js'
import { InvalidResponseError } from '../errors/invalid-response-error.js'
import { RedirectError } from '../errors/redirect-error.js'
import { checkBaseUrl } from '../settings/base-url.js'
import { browserIssues } from '../settings/browser.js'
import {
  type CredentialSource,
  explicitCredentialIssues,
  resolveCredential,
} from '../settings/credentials.js'
import { headersIssues } from '../settings/header-value.js'
import { readEnvironment } from '../settings/load-setting.js'
import { Redactor, redacted, secretsOfHeaders } from '../settings/secrets.js'
import { shopFingerprint } from '../settings/shop-fingerprint.js'
import { boundValue } from '../validation/bounded-value.js'
import { type JsonSchema, schemaIssues } from '../validation/json-schema.js'
import { onAbort, sleep } from './abort.js'
import { ConcurrencyLimit } from './concurrency-limit.js'
import type { Hooks } from './hooks.js'
import {
  type LevelledLogger,
  type Logger,
  type LogLevel,
  levelled,
  redactingLogger,
  resolveLogLevel,
} from './logger.js'
import { BodyTooLargeError, discardBody, readCappedText } from './read-body.js'
import {
  defaultInitialRetryDelayMs,
  defaultMaxRetries,
  defaultMaxRetryDelayMs,
  defaultRetryStatuses,
  defaultTimeoutMs,
  isIdempotent,
  isRetryable,
  isSafeToRepeat,
  maxHonouredRetryAfterMs,
  neverSent,
  parseRetryAfter,
  retryDelayMs,
} from './retry-policy.js'
import { userAgent } from './user-agent.js'

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

/** A security scheme of a spec, as codegen emits it. */
export type SecurityScheme =
  | { readonly type: 'http'; readonly scheme: string }
  | { readonly type: 'apiKey'; readonly in: string; readonly name: string }

/** What a provider package tells the pipeline about itself. */
export interface ProviderProtocol<Facts = Record<string, unknown>> {
  /** Its registry entry: id, factory name, environment variables, credentials. */
  entry: ProviderEntry
  /** From its generated spec info. */
  spec: { defaultBaseUrl: string; securitySchemes: Readonly<Record<string, SecurityScheme>> }
  /** The package's version, for `User-Agent`. */
  version: string
  /** Reads the problems out of an error body in the provider's envelope. */
  parseError(body: unknown, status: number): ProviderErrorDetail[]
  /** The request id a body carries, where the provider puts one there. */
  requestIdOf?(body: unknown): string | undefined
  /** Statuses worth retrying besides 408, 409, 429 and 5xx. */
  extraRetryStatuses?: readonly number[]
  /** Applies when the settings set no `maxConcurrency`. */
  defaultMaxConcurrency?: number
  /** Reads provider facts (rate limits, deprecations) from every response. */
  inspectResponse?(headers: Headers, logger: Logger): Facts | undefined
}

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

export interface Transport<_Paths extends {} = object, Facts = Record<string, unknown>> {
  readonly providerId: string
  /**
   * A `fetch` for openapi-fetch (see `createApiClient`): the same pipeline, answering with a
   * `Response` whatever the status. It takes requests built on `apiBaseUrl` only.
   */
  fetch(request: Request): Promise<Response>
  /** Sends one request of a wrapped operation through the whole pipeline. */
  send<Data>(
    request: OutgoingRequest,
    options: CallOptions | undefined,
  ): Promise<{ data: Data; response: ResponseMetadata<Facts> }>
  /**
   * Which shop the requests reach now (credential and base URL read as a
   * request would read them), as a digest safe to store: see `shopFingerprint`.
   */
  shopFingerprint?(): Promise<string>
}

const defaultMaxResponseBytes = 10 * 1024 * 1024
/** Node's timers overflow above this and fire after 1 ms instead. */
const maxTimeoutMs = 2 ** 31 - 1
/** Error bodies longer than this are kept as (cut) text, not parsed. */
const maxParsedErrorBytes = 64 * 1024
/** How much of an unusable body an error keeps. */
const keptTextLength = 2_000
/** How many provider problems an error keeps. */
const keptErrorDetails = 100
/** openapi-fetch builds absolute URLs from this; the pipeline swaps in the base URL of the moment. */
export const apiBaseUrl = 'http://customer-groups.invalid'

let calls = 0

/**
 * The settings of a provider package's default instance, which is created
 * when the package is imported and reads everything from the environment
 * when it is called.
 */
export const defaultInstanceSettings: ClientSettings = Object.freeze({})

type Attempt<Data, Facts> =
  | {
      ok: true
      data: Data
      text: string
      response: Response
      requestId: string | undefined
      facts: Facts | undefined
    }
  | { ok: false; error: CustomerGroupsError }

/**
 * The one pipeline every request of a provider goes through, the wrapped
 * operations and `client.api` alike: settings and credentials, base URL,
 * headers, concurrency limit, per-attempt timeout, redirects refused, bodies
 * read under a size cap, typed errors, retries with backoff that honour
 * `Retry-After`, redaction, logging and hooks.
 */
export function createTransport<Paths extends {}, Facts = Record<string, unknown>>(
  protocol: ProviderProtocol<Facts>,
  settings: ClientSettings,
  random: () => number = Math.random,
): Transport<Paths, Facts> {
  // Credentials are the provider's own settings, named by its registry entry.
  const credentialSettings = settings as Record<string, unknown>
  const { entry } = protocol
  const provider = entry.id
  const context = entry.factory
  const credentials = credentialSources(protocol)

  // A default instance is created at import: it must not throw there, so it refuses at its first call instead.
  const unsafe = browserIssues(settings.dangerouslyAllowBrowser)
  const issues: ArgumentIssue[] = [
    ...(settings === defaultInstanceSettings ? [] : unsafe),
    ...explicitCredentialIssues(credentials, credentialSettings),
    ...headersIssues('headers', settings.headers),
    ...countIssues('maxRetries', settings.maxRetries, 0),
    ...countIssues('timeoutMs', settings.timeoutMs, 1, maxTimeoutMs),
    ...countIssues('maxConcurrency', settings.maxConcurrency, 1),
    ...countIssues('maxResponseBytes', settings.maxResponseBytes, 1),
    ...countIssues('retry.initialDelayMs', settings.retry?.initialDelayMs, 0, maxTimeoutMs),
    ...countIssues('retry.maxDelayMs', settings.retry?.maxDelayMs, 0, maxTimeoutMs),
  ]
  if (settings.baseUrl !== undefined) issues.push(...(checkBaseUrl('baseUrl', settings.baseUrl).issues ?? []))
  if (issues.length > 0) throw new InvalidArgumentError(context, issues)

  // Checking a URL costs a parse; the environment rarely changes, so remember the last answer.
  let lastUrl: { raw: string; resolved: string } | undefined
  function baseUrl(): string {
    const raw = settings.baseUrl ?? readEnvironment(entry.baseUrlVariable) ?? protocol.spec.defaultBaseUrl
    if (lastUrl?.raw !== raw) {
      const field = settings.baseUrl !== undefined ? 'baseUrl' : entry.baseUrlVariable
      const checked = checkBaseUrl(field, raw)
      if (checked.issues !== undefined) throw new InvalidArgumentError(context, checked.issues)
      lastUrl = { raw, resolved: checked.url }
    }
    return lastUrl.resolved
  }

  const logger: LevelledLogger = levelled(
    () => settings.logger ?? console,
    resolveLogLevel(settings.logLevel),
  )
  const { hooks } = settings
  const retryStatuses = [...defaultRetryStatuses, ...(protocol.extraRetryStatuses ?? [])]
  const maxConcurrency = settings.maxConcurrency ?? protocol.defaultMaxConcurrency
  const limit = maxConcurrency === undefined ? undefined : new ConcurrencyLimit(maxConcurrency)
  const maxResponseBytes = settings.maxResponseBytes ?? defaultMaxResponseBytes
  const backoff = {
    initialDelayMs: settings.retry?.initialDelayMs ?? defaultInitialRetryDelayMs,
    maxDelayMs: settings.retry?.maxDelayMs ?? defaultMaxRetryDelayMs,
  }
  // Header names lower-cased once, so one header given in two spellings is sent once; ours go first and lose.
  const baseHeaders = mergeHeaders({ 'user-agent': userAgent(provider, protocol.version) }, settings.headers)
  // The global fetch is looked up at each call, so code that swaps it (test doubles, instrumentation) is seen.
  const fetchOf = (): Fetch => settings.fetch ?? globalThis.fetch

  let lastRedactor: { credential: string; redactor: Redactor } | undefined
  /** Secrets of one call: its credential and any secret-named header given in settings or in the call. */
  function redactorFor(credential: string, callHeaders: Record<string, string> | undefined): Redactor {
    if (callHeaders === undefined && lastRedactor?.credential === credential) return lastRedactor.redactor
    const redactor = new Redactor([
      ...secretsOfHeaders({ authorization: credential }),
      ...secretsOfHeaders(baseHeaders),
      ...(callHeaders === undefined ? [] : secretsOfHeaders(callHeaders)),
    ])
    if (callHeaders === undefined) lastRedactor = { credential, redactor }
    return redactor
  }

  interface Call {
    operation: string
    callId: string
    method: string
    url: string
    headers: Record<string, string>
    body: BodyInit | undefined
    /** The header that carries the credential, lower-cased: nothing else may set it. */
    credentialHeader: string
    signal: AbortSignal | undefined
    timeoutMs: number
    started: number
    redactor: Redactor
    /** Set by an attempt given up on while the server may still work on it: its slot is kept a while. */
    abandoned?: boolean
    /** An attempt of this call may have taken effect: every later error of the call says `unknown`. */
    uncertain: boolean
  }

  /** Everything a call needs before its first attempt; throws `InvalidArgumentError` for bad options. */
  function prepare(operation: string, method: string, path: string, options: CallOptions | undefined): Call {
    const callContext = `${provider}.${operation}`
    if (unsafe.length > 0) throw new InvalidArgumentError(context, unsafe)
    if (options !== undefined) {
      const callIssues = [
        ...headersIssues('headers', options.headers),
        ...countIssues('maxRetries', options.maxRetries, 0),
        ...countIssues('timeoutMs', options.timeoutMs, 1, maxTimeoutMs),
      ]
      if (callIssues.length > 0) throw new InvalidArgumentError(callContext, callIssues)
    }
    const credential = resolveCredential(credentials, credentialSettings, context)
    const headers = mergeHeaders(baseHeaders, options?.headers)
    const credentialHeader = credential.name.toLowerCase()
    // The credential wins over any header of the same name, however spelled.
    headers[credentialHeader] = credential.value
    return {
      operation,
      callId: `${provider}-${++calls}`,
      method,
      url: baseUrl() + path,
      headers,
      body: undefined,
      credentialHeader,
      signal: options?.signal,
      timeoutMs: options?.timeoutMs ?? settings.timeoutMs ?? defaultTimeoutMs,
      started: performance.now(),
      redactor: redactorFor(credential.value, options?.headers),
      uncertain: false,
    }
  }

  /** Runs attempts until one succeeds or the retry rule gives up; returns the last attempt's outcome. */
  async function run<Data>(
    call: Call,
    options: CallOptions | undefined,
    attemptOnce: (call: Call, attempt: number) => Promise<Attempt<Data, Facts>>,
  ): Promise<{ outcome: Attempt<Data, Facts>; attempts: number }> {
    const { signal } = call
    const trail = (attempts: number): AttemptTrail => trailOf(call, attempts)
    if (signal?.aborted) throw new APIUserAbortError({ cause: signal.reason })
    const maxRetries = options?.maxRetries ?? settings.maxRetries ?? defaultMaxRetries
    const shouldRetry = options?.shouldRetry ?? settings.retry?.shouldRetry
    const queued = limit?.acquire(signal)
    if (queued !== undefined) await queued
    let holding = limit !== undefined
    try {
      for (let attempt = 1; ; attempt++) {
        if (limit !== undefined && !holding) {
          try {
            await limit.acquire(signal)
          } catch {
            // Aborted while waiting for a slot to retry: the earlier attempts' outcome stands.
            const error = new APIUserAbortError({ cause: signal?.reason, trail: trail(attempt - 1) })
            return { outcome: { ok: false, error }, attempts: attempt - 1 }
          }
          holding = true
        }
        const outcome = await attemptOnce(call, attempt)
        if (call.abandoned === true) {
          // The server may still be working on it: the provider counts it until then, so the slot stays taken.
          call.abandoned = false
          if (limit !== undefined && holding) limit.releaseAfter(abandonedSlotGraceMs(call.timeoutMs))
          holding = false
        }
        if (outcome.ok) return { outcome, attempts: attempt }
        const { error } = outcome
        if (error.outcome === 'unknown') call.uncertain = true
        const retryAfterMs = APIError.isInstance(error) ? error.retryAfterMs : undefined
        if (!(attempt <= maxRetries && retries(call, error, attempt, retryAfterMs, shouldRetry))) {
          return { outcome, attempts: attempt }
        }
        const delayMs = retryDelayMs(attempt - 1, retryAfterMs, random, backoff)
        const info = attemptInfo(call, attempt)
        logger.info(
          `${provider}: ${call.method} ${info.url} attempt ${attempt} failed (${error.name}); retrying in ${Math.round(delayMs)} ms`,
          { ...info, reason: error.name, delayMs: Math.round(delayMs) },
        )
        hook('onRetry', () => ({ ...info, error, delayMs }))
        try {
          await sleep(delayMs, signal)
        } catch {
          return {
            outcome: {
              ok: false,
              error: new APIUserAbortError({ cause: signal?.reason, trail: trail(attempt) }),
            },
            attempts: attempt,
          }
        }
      }
    } finally {
      if (holding) limit?.release()
    }
  }

  function retries(
    call: Call,
    error: CustomerGroupsError,
    attempt: number,
    retryAfterMs: number | undefined,
    shouldRetry: ShouldRetry | undefined,
  ): boolean {
    if (APIUserAbortError.isInstance(error)) return false
    const custom = shouldRetry?.({ error, attempt })
    if (custom !== undefined) return custom
    // A wait longer than a minute is the provider saying "not now": the error carries it instead.
    if (retryAfterMs !== undefined && retryAfterMs > maxHonouredRetryAfterMs) return false
    // Sent twice, a create makes two groups: only one that provably did not happen is sent again.
    if (!isIdempotent(call.method)) return isSafeToRepeat(error)
    return isRetryable(error, retryStatuses)
  }

  function trailOf(call: Call, attempts: number): AttemptTrail {
    return {
      attempts,
      elapsedMs: performance.now() - call.started,
      ...(call.uncertain && { outcome: 'unknown' as const }),
    }
  }

  /** One attempt: sends, refuses redirects, reads the body under the cap, and types any failure. */
  async function exchange(
    call: Call,
    attempt: number,
  ): Promise<
    | { ok: true; response: Response; text: string; facts: Facts | undefined }
    | { ok: false; error: CustomerGroupsError }
  > {
    const trail = (): AttemptTrail => trailOf(call, attempt)
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
    /** The error of an attempt that ended because the caller aborted or it timed out. */
    const interruption = (): CustomerGroupsError | undefined => {
      if (callerSignal?.aborted)
        return new APIUserAbortError({ cause: callerSignal.reason, trail: trail(), outcome: 'unknown' })
      if (timedOut) return new APIConnectionTimeoutError(provider, timeoutMs, { trail: trail() })
      return undefined
    }
    const sent = performance.now()
    const info = hooks === undefined && !logger.enabled('debug') ? undefined : attemptInfo(call, attempt)
    if (info !== undefined) hook('onRequest', () => info)
    try {
      let response: Response
      try {
        response = await fetchOf()(call.url, {
          method: call.method,
          headers: call.headers,
          body: call.body ?? null,
          signal: controller.signal,
          // Neither API documents a redirect; following one would carry the credential and body along.
          redirect: 'manual',
        })
      } catch (error) {
        const interrupted = interruption()
        if (interrupted !== undefined) call.abandoned = true
        return { ok: false, error: interrupted ?? connectionError(error, call.redactor, trail()) }
      }
      const status = response.status
      if ((status >= 300 && status < 400) || response.type === 'opaqueredirect') {
        discardBody(response)
        return { ok: false, error: redirectError(response, call.redactor, trail()) }
      }
      // A provider logs what its headers say; a server may have echoed a secret into them.
      const facts = protocol.inspectResponse?.(response.headers, redactingLogger(logger, call.redactor))
      let text: string
      try {
        text = await readCappedText(response, maxResponseBytes)
      } catch (error) {
        if (interruption() !== undefined) call.abandoned = true
        const reason =
          error instanceof BodyTooLargeError
            ? `a body over the size limit of ${maxResponseBytes} bytes (maxResponseBytes)`
            : 'a body that could not be read'
        return {
          ok: false,
          error:
            interruption() ??
            new InvalidResponseError(responseInit(response, call.redactor, undefined, trail()), reason),
        }
      }
      if (info !== undefined) {
        const durationMs = performance.now() - sent
        const requestId = headerRequestId(response.headers, call.redactor)
        logger.debug(
          `${provider}: ${call.method} ${info.url} attempt ${attempt} → ${status} in ${Math.round(durationMs)} ms${requestId === undefined ? '' : ` [request ${requestId}]`}`,
          {
            ...info,
            status,
            durationMs: Math.round(durationMs),
            ...(requestId !== undefined && { requestId }),
            ...facts,
          },
        )
        hook('onResponse', () => ({
          ...info,
          status,
          durationMs,
          requestId,
          responseHeaders: call.redactor.headers(response.headers),
        }))
      }
      if (status < 200 || status >= 300) return { ok: false, error: apiError(response, text, call, trail()) }
      return { ok: true, response, text, facts }
    } finally {
      clearTimeout(timer)
      stopFollowing?.()
    }
  }

  function apiError(response: Response, text: string, call: Call, trail: AttemptTrail): APIError {
    const body = errorBody(text, call.redactor)
    const errors = protocol.parseError(body, response.status).slice(0, keptErrorDetails)
    const requestId =
      boundedId(protocol.requestIdOf?.(body)) ?? headerRequestId(response.headers, call.redactor)
    return createAPIError({
      ...responseInit(response, call.redactor, body, trail),
      errors,
      requestId,
      retryAfterMs: parseRetryAfter(response.headers),
    })
  }

  function responseInit(response: Response, redactor: Redactor, body: unknown, trail: AttemptTrail) {
    return {
      provider,
      status: response.status,
      headers: redactor.headers(response.headers),
      body,
      errors: [],
      trail,
    }
  }

  function redirectError(response: Response, redactor: Redactor, trail: AttemptTrail): RedirectError {
    let target: string | undefined
    try {
      const location = response.headers.get('location')
      if (location !== null) target = new URL(location, response.url || lastUrl?.resolved).origin
    } catch {
      target = undefined
    }
    return new RedirectError(responseInit(response, redactor, undefined, trail), target)
  }

  function connectionError(error: unknown, redactor: Redactor, trail: AttemptTrail): CustomerGroupsError {
    if (CustomerGroupsError.isInstance(error)) return error
    const reason = redactor.text(describeCause(error)).slice(0, keptTextLength)
    return new APIConnectionError(provider, `Could not reach ${provider}: ${reason}`, {
      cause: error,
      trail,
      outcome: neverSent(error) ? 'failed' : 'unknown',
    })
  }

  function attemptInfo(call: Call, attempt: number) {
    return {
      provider,
      operation: call.operation,
      callId: call.callId,
      attempt,
      method: call.method,
      url: redactUrl(call.url, call.redactor),
      headers: call.redactor.headers(call.headers),
    }
  }

  function hook<Name extends keyof Hooks>(
    name: Name,
    info: () => Parameters<NonNullable<Hooks[Name]>>[0],
  ): void {
    const handler = hooks?.[name] as ((info: unknown) => void) | undefined
    if (handler === undefined) return
    try {
      handler.call(hooks, info())
    } catch (error) {
      logger.warn(`${provider}: the ${name} hook threw; the call goes on`, { error: describeCause(error) })
    }
  }

  function fail(call: Call, attempts: number, error: CustomerGroupsError): never {
    if (hooks?.onError !== undefined) {
      hook('onError', () => ({
        ...attemptInfo(call, attempts),
        error,
        elapsedMs: performance.now() - call.started,
      }))
    }
    logger.debug(`${provider}: ${call.operation} failed: ${error.message}`, { callId: call.callId })
    throw error
  }

  async function send<Data>(
    request: OutgoingRequest,
    options: CallOptions | undefined,
  ): Promise<{ data: Data; response: ResponseMetadata<Facts> }> {
    const call = prepare(request.operation, request.method, request.path, options)
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
    const { outcome, attempts } = await run<Data>(call, options, async (current, attempt) => {
      const exchanged = await exchange(current, attempt)
      if (!exchanged.ok) return exchanged
      const { response, text, facts } = exchanged
      const trail = trailOf(current, attempt)
      const checked = checkSuccessBody(request, response, text, current.redactor)
      if (typeof checked === 'string') {
        const body = current.redactor.deep(cut(text, keptTextLength, current.redactor))
        return {
          ok: false,
          error: new InvalidResponseError(responseInit(response, current.redactor, body, trail), checked),
        }
      }
      // Bounded, then masked, once for every reader: the request id, warnings, groups and raw body.
      let data = boundValue(checked.data)
      if (current.redactor.mayHold(text)) data = current.redactor.deep(data)
      const requestId =
        boundedId(protocol.requestIdOf?.(data)) ?? headerRequestId(response.headers, current.redactor)
      return { ok: true, data: data as Data, text, response, requestId, facts }
    })
    if (!outcome.ok) fail(call, attempts, outcome.error)
    return { data: outcome.data, response: metadata(outcome, attempts, call) }
  }

  function metadata(
    {
      response,
      requestId,
      facts,
    }: { response: Response; requestId: string | undefined; facts: Facts | undefined },
    attempts: number,
    call: Call,
  ): ResponseMetadata<Facts> {
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

  /** The JSON body of a success, checked against the spec; a string says what is wrong with it. */
  function checkSuccessBody(
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

  /** `fetch` for openapi-fetch: the same pipeline, answering with a `Response` whatever the status. */
  async function apiFetch(request: Request): Promise<Response> {
    if (!request.url.startsWith(`${apiBaseUrl}/`)) {
      throw new InvalidArgumentError(`${provider}.api`, [
        { field: 'baseUrl', code: 'invalid-url', message: "client.api sends only to the client's base URL" },
      ])
    }
    const path = request.url.slice(apiBaseUrl.length)
    const options: CallOptions = { signal: request.signal }
    const call = prepare('api', request.method, path, options)
    // The request's own headers win over the settings' headers, as per-call headers do; never over the credential.
    for (const [name, value] of request.headers) {
      if (name === call.credentialHeader) continue
      const issues = headersIssues('headers', { [name]: value })
      if (issues.length > 0) throw new InvalidArgumentError(`${provider}.api`, issues)
      call.headers[name] = value
    }
    // Read once, so every retry sends the same bytes.
    if (request.body !== null) call.body = await request.arrayBuffer()
    const { outcome, attempts } = await run<undefined>(call, options, async (current, attempt) => {
      const exchanged = await exchange(current, attempt)
      if (!exchanged.ok) return exchanged
      const { text, response, facts } = exchanged
      return { ok: true, data: undefined, text, response, requestId: undefined, facts }
    })
    if (outcome.ok) return rebuilt(outcome.response, call.redactor.text(outcome.text))
    const { error } = outcome
    // Like openapi-fetch itself: an error status is an answer ({ error }), anything else throws.
    if (
      APIError.isInstance(error) &&
      !InvalidResponseError.isInstance(error) &&
      !RedirectError.isInstance(error)
    ) {
      const json = typeof error.body !== 'string'
      return new Response(json ? JSON.stringify(error.body ?? null) : error.body, {
        status: error.status,
        headers: { ...error.headers, 'content-type': json ? 'application/json' : 'text/plain' },
      })
    }
    return fail(call, attempts, error)
  }

  async function fingerprint(): Promise<string> {
    const credential = resolveCredential(credentials, credentialSettings, context)
    return shopFingerprint({ providerId: provider, baseUrl: baseUrl(), credential: credential.value })
  }

  return { providerId: provider, fetch: apiFetch, send, shopFingerprint: fingerprint }
}

/**
 * How long the slot of a request given up on stays taken: the server had
 * `timeoutMs` and gets as long again to finish, at least 1 s and at most 10 s.
 */
export function abandonedSlotGraceMs(timeoutMs: number): number {
  return Math.min(Math.max(timeoutMs, 1_000), 10_000)
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

/** Joins a spec's security schemes with the registry's credentials: which header carries which setting. */
function credentialSources(protocol: ProviderProtocol<unknown>): CredentialSource[] {
  return protocol.entry.credentials.map((credential) => {
    const scheme = protocol.spec.securitySchemes[credential.securityScheme]
    if (scheme?.type === 'http' && scheme.scheme.toLowerCase() === 'bearer') {
      return { ...credential, header: 'Authorization', prefix: 'Bearer ' }
    }
    if (scheme?.type === 'apiKey' && scheme.in === 'header')
      return { ...credential, header: scheme.name, prefix: '' }
    throw new Error(
      `${protocol.entry.id}: security scheme ${credential.securityScheme} is not a bearer or header key`,
    )
  })
}

/**
 * Merges header records into one with lower-cased names, later records
 * winning, as `Headers#set` would: `fetch` joins two spellings of one name
 * into a single comma-separated value.
 */
export function mergeHeaders(...records: (Record<string, string> | undefined)[]): Record<string, string> {
  const merged: Record<string, string> = {}
  for (const record of records) {
    if (record === undefined) continue
    for (const name in record) merged[name.toLowerCase()] = record[name] as string
  }
  return merged
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

function headerRequestId(headers: Headers, redactor: Redactor): string | undefined {
  const value = headers.get('x-request-id') ?? headers.get('request-id')
  return value === null ? undefined : boundedId(redactor.text(value))
}

/** A request id is short; a longer one is cut, so a hostile server cannot flood messages with it. */
function boundedId(value: string | undefined): string | undefined {
  return value === undefined ? undefined : value.slice(0, 200)
}

// Query parameters whose name says they carry a credential.
const secretParameter = /token|secret|password|key|signature|auth/i

function redactUrl(url: string, redactor: Redactor): string {
  const query = url.indexOf('?')
  if (query === -1) return redactor.text(url)
  const params = new URLSearchParams(url.slice(query + 1))
  for (const [name] of params) if (secretParameter.test(name)) params.set(name, redacted)
  return redactor.text(`${url.slice(0, query)}?${params}`)
}

function countIssues(
  field: string,
  value: unknown,
  minimum: number,
  maximum = Number.MAX_SAFE_INTEGER,
): ArgumentIssue[] {
  if (value === undefined) return []
  if (typeof value !== 'number' || !Number.isSafeInteger(value))
    return [{ field, code: 'type', message: 'must be a whole number' }]
  if (value < minimum) return [{ field, code: 'minimum', message: `must be at least ${minimum}` }]
  if (value > maximum) return [{ field, code: 'maximum', message: `must be at most ${maximum}` }]
  return []
}

/** A short reason for a network failure; undici hides the useful part in `cause`. */
function describeCause(error: unknown): string {
  if (!(error instanceof Error)) return String(error)
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : ''
  return `${error.message}${cause}`
}
