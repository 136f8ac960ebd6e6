import createClient, { type Client } from 'openapi-fetch'
import { APIConnectionError } from '../errors/api-connection-error.js'
import { APIConnectionTimeoutError } from '../errors/api-connection-timeout-error.js'
import { APIError } from '../errors/api-error.js'
import { APIUserAbortError } from '../errors/api-user-abort-error.js'
import { createAPIError } from '../errors/create-api-error.js'
import { CustomerGroupsError } from '../errors/customer-groups-error.js'
import { InvalidArgumentError } from '../errors/invalid-argument-error.js'
import { findRequestId, normalizeErrorBody } from '../errors/normalize-error-body.js'
import { resolveBaseUrl } from '../settings/base-url.js'
import { assertHeaderSafe, assertHeadersSafe } from '../settings/header-value.js'
import { readEnvironment } from '../settings/load-setting.js'
import { redactDeep, redactHeaders, secretsOf } from '../settings/secrets.js'
import { ConcurrencyLimit } from './concurrency-limit.js'
import { type Logger, silentLogger } from './logger.js'
import { mergeHeaders } from './merge-headers.js'
import { type AttemptInit, createOperationClient } from './operation-client.js'
import { capResponseBody, readErrorBody, readJsonBody } from './read-response.js'
import {
  defaultMaxRetries,
  defaultRetryStatuses,
  defaultTimeoutMs,
  isRetryable,
  parseRetryAfter,
  retryDelayMs,
} from './retry-policy.js'
import { sleep } from './sleep.js'

/** The shape of the global `fetch`; the pipeline always calls it with a URL string and an init. */
export type Fetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>

/** Settings every provider client accepts besides its credentials. */
export interface ClientSettings {
  /** Overrides the provider's environment variable and the spec's server. */
  baseUrl?: string | undefined
  /**
   * A `fetch` to use instead of the global one (tests, proxies, instrumentation).
   * The wrapped operations call it as `fetch(url, init)`; `client.api`, being
   * openapi-fetch, calls it with a `Request`. Handle both, as the global one does.
   */
  fetch?: Fetch | undefined
  /** Extra headers sent with every request. */
  headers?: Record<string, string> | undefined
  /** Retries after the first attempt (default 2). */
  maxRetries?: number | undefined
  /** Time limit of each attempt in milliseconds (default 60 000). */
  timeoutMs?: number | undefined
  /** Most requests in flight at once from this client; more wait in a queue. */
  maxConcurrency?: number | undefined
  /** Largest response body read, in bytes (default 10 MiB). */
  maxResponseBytes?: number | undefined
  /** Receives debug lines and warnings, with secrets redacted. */
  logger?: Logger | undefined
}

/** Per-call overrides. */
export interface CallOptions {
  signal?: AbortSignal | undefined
  maxRetries?: number | undefined
  timeoutMs?: number | undefined
  headers?: Record<string, string> | undefined
}

/** What callers learn about the HTTP exchange besides the body. */
export interface ResponseMetadata {
  status: number
  /** Response headers, secrets redacted. */
  headers: Record<string, string>
  requestId?: string
  /** 1 plus the number of retries it took. */
  attempts: number
  /** Facts a provider reads from its headers, such as rate-limit state. */
  provider?: Record<string, unknown>
}

export interface HttpClientConfig {
  /** From the generated spec info: the provider's id and its spec's server. */
  spec: { provider: string; defaultBaseUrl: string }
  settings: ClientSettings
  /** Credentials as headers, resolved at every call so environment changes are seen. */
  authHeaders: () => Record<string, string>
  /** Credentials given in settings, by setting name: checked at creation, before any call. */
  explicitSecrets?: Record<string, string | undefined>
  /** Statuses worth retrying besides 408, 409, 429 and 5xx. */
  extraRetryStatuses?: readonly number[]
  /** Applies when the settings set no `maxConcurrency`. */
  defaultMaxConcurrency?: number
  /** Reads provider facts (rate limits, deprecations) from every response. */
  inspectResponse?: (response: Response, logger: Logger) => Record<string, unknown> | undefined
  /** For tests: the jitter source. */
  random?: () => number
}

type FetchResult = { response: Response }

export interface HttpClient<Paths extends {}> {
  /** The typed openapi-fetch client, for anything the spec holds beyond the wrapped operation. */
  readonly api: Client<Paths>
  /** Runs one operation with auth, timeouts, retries, and typed errors. */
  send<Data>(
    operation: string,
    options: CallOptions,
    call: (client: Client<Paths>, init: AttemptInit) => Promise<FetchResult>,
  ): Promise<{ data: Data; response: ResponseMetadata }>
}

const defaultMaxResponseBytes = 10 * 1024 * 1024

export function createHttpClient<Paths extends {}>(config: HttpClientConfig): HttpClient<Paths> {
  const { settings } = config
  const { provider } = config.spec
  // One naming rule for every provider: createXtrakit, XTRAKIT_BASE_URL.
  const context = `create${provider.charAt(0).toUpperCase()}${provider.slice(1)}`
  const baseUrlSource = {
    environmentVariable: `${provider.toUpperCase()}_BASE_URL`,
    defaultUrl: config.spec.defaultBaseUrl,
  }
  assertHeadersSafe(context, settings.headers)
  for (const [name, value] of Object.entries(config.explicitSecrets ?? {})) {
    if (value !== undefined) assertHeaderSafe(context, name, value)
  }
  assertCount(context, 'maxRetries', settings.maxRetries, 0)
  assertCount(context, 'timeoutMs', settings.timeoutMs, 1)
  assertCount(context, 'maxConcurrency', settings.maxConcurrency, 1)
  // Checking a URL costs a parse; the environment rarely changes, so remember the last answer.
  let lastUrl: { raw: string | undefined; resolved: string } | undefined
  function resolveUrl(): string {
    const raw = settings.baseUrl ?? readEnvironment(baseUrlSource.environmentVariable)
    if (lastUrl === undefined || lastUrl.raw !== raw) {
      lastUrl = { raw, resolved: resolveBaseUrl({ value: settings.baseUrl, ...baseUrlSource, context }) }
    }
    return lastUrl.resolved
  }
  // An explicit base URL is checked now; one from the environment when a call reads it.
  if (settings.baseUrl !== undefined) resolveUrl()
  const logger = settings.logger ?? silentLogger
  // Log lines are built only for a logger someone passed: redacting headers on every call costs.
  const logging = settings.logger !== undefined
  const retryStatuses = [...defaultRetryStatuses, ...(config.extraRetryStatuses ?? [])]
  const maxConcurrency = settings.maxConcurrency ?? config.defaultMaxConcurrency
  const limit = maxConcurrency === undefined ? undefined : new ConcurrencyLimit(maxConcurrency)
  const random = config.random ?? Math.random
  const maxResponseBytes = settings.maxResponseBytes ?? defaultMaxResponseBytes

  // The global fetch is looked up at each call, so code that swaps it (test doubles, instrumentation) is seen.
  const fetchOf = () => settings.fetch ?? globalThis.fetch
  const baseHeaders = mergeHeaders(settings.headers)
  // Calls made by `send` go through the operation client: one fetch(url, init) per attempt.
  const core = createOperationClient<Paths>((url, init) => fetchOf()(url, init))
  let api: Client<Paths> | undefined
  function createApi(): Client<Paths> {
    const client = createClient<Paths>({ baseUrl: resolveUrl(), fetch: (request) => fetchOf()(request) })
    client.use({
      onRequest({ request }) {
        // Merged as for `send`: credentials win over a settings header of the same name, however spelled.
        for (const [name, value] of Object.entries(mergeHeaders(baseHeaders, config.authHeaders()))) {
          if (!request.headers.has(name)) request.headers.set(name, value)
        }
        return request
      },
    })
    return client
  }

  async function send<Data>(
    operation: string,
    options: CallOptions,
    call: (client: Client<Paths>, init: AttemptInit) => Promise<FetchResult>,
  ): Promise<{ data: Data; response: ResponseMetadata }> {
    const callContext = `${provider}.${operation}`
    assertHeadersSafe(callContext, options.headers)
    assertCount(callContext, 'maxRetries', options.maxRetries, 0)
    assertCount(callContext, 'timeoutMs', options.timeoutMs, 1)
    const maxRetries = options.maxRetries ?? settings.maxRetries ?? defaultMaxRetries
    const timeoutMs = options.timeoutMs ?? settings.timeoutMs ?? defaultTimeoutMs
    const auth = config.authHeaders()
    const headers = mergeHeaders(baseHeaders, options.headers, auth)
    // A server that echoes a credential back must not get it into an error or a log.
    const secrets = () => secretsOf(auth)
    const baseUrl = resolveUrl()
    const { signal } = options
    if (signal?.aborted) throw new APIUserAbortError({ cause: signal.reason })

    const queued = limit?.acquire(signal)
    if (queued !== undefined) await queued
    try {
      for (let attempt = 0; ; attempt++) {
        try {
          const result = await attemptOnce<Data>(call, { baseUrl, headers, signal, timeoutMs, secrets })
          result.response.attempts = attempt + 1
          return result
        } catch (error) {
          if (attempt >= maxRetries || !isRetryable(error, retryStatuses)) throw error
          // Any status may carry Retry-After (503 often does), not only 429.
          const retryAfterMs = APIError.isInstance(error) ? error.retryAfterMs : undefined
          const delay = retryDelayMs(attempt, retryAfterMs, random)
          logger.debug(`${callContext}: retrying`, {
            retry: attempt + 1,
            delayMs: Math.round(delay),
            reason: (error as Error).name,
          })
          await sleep(delay, signal)
        }
      }
    } finally {
      limit?.release()
    }
  }

  async function attemptOnce<Data>(
    call: (client: Client<Paths>, init: AttemptInit) => Promise<FetchResult>,
    request: {
      baseUrl: string
      headers: Record<string, string>
      signal: AbortSignal | undefined
      timeoutMs: number
      secrets: () => string[]
    },
  ): Promise<{ data: Data; response: ResponseMetadata }> {
    const { signal: callerSignal, timeoutMs, secrets } = request
    const controller = new AbortController()
    let timedOut = false
    const timer = setTimeout(() => {
      timedOut = true
      controller.abort()
    }, timeoutMs)
    const onCallerAbort = () => controller.abort(callerSignal?.reason)
    callerSignal?.addEventListener('abort', onCallerAbort, { once: true })
    /** The error to throw when the attempt ended because the caller aborted or it timed out. */
    const interruption = () => {
      if (callerSignal?.aborted) return new APIUserAbortError({ cause: callerSignal.reason })
      if (timedOut) return new APIConnectionTimeoutError(provider, timeoutMs)
      return undefined
    }

    /** A body read that failed because of the abort or timeout reports that, not the broken read. */
    const failRead = (error: unknown): never => {
      throw interruption() ?? error
    }
    try {
      if (logging) logger.debug(`${provider}: sending request`, { headers: redactHeaders(request.headers) })
      let response: Response
      try {
        const { baseUrl, headers } = request
        const result = await call(core, { baseUrl, headers, signal: controller.signal })
        response = capResponseBody(result.response, maxResponseBytes)
      } catch (error) {
        throw interruption() ?? toConnectionError(error)
      }
      const providerFacts = config.inspectResponse?.(response, logger)
      if (logging) {
        logger.debug(`${provider}: response ${response.status}`, {
          headers: redactHeaders(response.headers),
          ...providerFacts,
        })
      }
      if (!response.ok) {
        const raw = await readErrorBody(response, () => responseInit(response)).catch(failRead)
        const body = redactDeep(raw, secrets())
        throw createAPIError({
          ...responseInit(response),
          body,
          errors: normalizeErrorBody(body, response.status),
          requestId: findRequestId(body, response.headers),
          retryAfterMs: parseRetryAfter(response.headers),
        })
      }
      const data = await readJsonBody(
        response,
        () => responseInit(response),
        (text) => redactDeep(text, secrets()),
      ).catch(failRead)
      let headers: Record<string, string> | undefined
      const metadata: ResponseMetadata = {
        status: response.status,
        // Redacted on first read: most callers never look at the headers.
        get headers() {
          headers ??= redactHeaders(response.headers)
          return headers
        },
        attempts: 1,
      }
      const requestId = findRequestId(data, response.headers)
      if (requestId !== undefined) metadata.requestId = requestId
      if (providerFacts !== undefined) metadata.provider = providerFacts
      return { data: data as Data, response: metadata }
    } finally {
      clearTimeout(timer)
      callerSignal?.removeEventListener('abort', onCallerAbort)
    }
  }

  /** A fetch that failed before any response arrived. */
  function toConnectionError(error: unknown): Error {
    if (CustomerGroupsError.isInstance(error)) return error
    return new APIConnectionError(provider, `Could not reach ${provider}: ${describeCause(error)}`, {
      cause: error,
    })
  }

  function responseInit(response: Response) {
    return { provider, status: response.status, headers: redactHeaders(response.headers) }
  }

  return {
    get api() {
      api ??= createApi()
      return api
    },
    send,
  }
}

function assertCount(context: string, field: string, value: number | undefined, minimum: number): void {
  if (value === undefined) return
  if (!Number.isSafeInteger(value) || value < minimum) {
    throw new InvalidArgumentError(context, [
      { field, rule: `integer >= ${minimum}`, message: `must be a whole number of at least ${minimum}` },
    ])
  }
}

/** A short reason for a network failure; undici hides the useful part in `cause`. */
function describeCause(error: unknown): string {
  if (!(error instanceof Error)) return String(error)
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : ''
  return `${error.message}${cause}`
}
