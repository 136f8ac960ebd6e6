import { type ArgumentIssue, InvalidArgumentError } from '../errors.js'
import { checkBaseUrl } from '../settings/base-url.js'
import { browserIssues } from '../settings/browser.js'
import { type CredentialSource, explicitCredentialIssues } from '../settings/credentials.js'
import { headersIssues } from '../settings/header-value.js'
import { readEnvironment } from '../settings/load-setting.js'
import { Redactor, secretsOfHeaders } from '../settings/secrets.js'
import {
  type ClientSettings,
  defaultInstanceSettings,
  type Fetch,
  type ShouldRetry,
} from './client-settings.js'
import { ConcurrencyLimit } from './concurrency-limit.js'
import { mergeHeaders } from './headers.js'
import type { Hooks } from './hooks.js'
import { type LevelledLogger, type Logger, levelled, redactingLogger, resolveLogLevel } from './logger.js'
import type { ProviderProtocol } from './protocol.js'
import {
  type BackoffSettings,
  defaultInitialRetryDelayMs,
  defaultMaxRetryDelayMs,
  defaultRetryStatuses,
} from './retry-policy.js'
import { userAgent } from './user-agent.js'

const defaultMaxResponseBytes = 10 * 1024 * 1024
/** Node's timers overflow above this and fire after 1 ms instead. */
export const maxTimeoutMs = 2 ** 31 - 1

/**
 * A client's settings, checked once and resolved: what every call of the
 * client shares. Each call adds its own context (see `openCall`).
 */
export interface Pipeline<Facts = Record<string, unknown>> {
  readonly protocol: ProviderProtocol<Facts>
  readonly settings: ClientSettings
  /** The provider's id, named in errors, logs and hooks. */
  readonly provider: string
  /** What bad settings are reported against: the provider's factory. */
  readonly context: string
  readonly credentials: readonly CredentialSource[]
  /** The credential headers of the provider's spec, lower-cased: never printed, never set by callers. */
  readonly credentialHeaders: ReadonlySet<string>
  /** Why a call may not be made at all (a browser without `dangerouslyAllowBrowser`). */
  readonly unsafe: readonly ArgumentIssue[]
  readonly logger: LevelledLogger
  readonly hooks: Hooks | undefined
  readonly retryStatuses: readonly number[]
  readonly limit: ConcurrencyLimit | undefined
  readonly maxResponseBytes: number
  readonly backoff: BackoffSettings
  /** The settings' headers and our User-Agent, lower-cased. */
  readonly baseHeaders: Readonly<Record<string, string>>
  readonly random: () => number
  /** The base URL of the moment: the setting, else the provider's variable, else the spec's server. */
  baseUrl(): string
  /** The `fetch` of the moment: the setting, else the global one, looked up at each call. */
  fetch(): Fetch
  /** The secrets of one call: its credential and any secret-named header given in settings or in the call. */
  redactor(credential: string, callHeaders: Record<string, string> | undefined): Redactor
  /** The logger with every line masked by `redactor`, for what a provider logs from an answer; kept for the last redactor. */
  redactingLogger(redactor: Redactor): Logger
  /** The default retry rule of the settings, when they give one. */
  readonly shouldRetry: ShouldRetry | undefined
}

/** Checks a client's settings (throwing `InvalidArgumentError` for bad ones) and resolves them. */
export function createPipeline<Facts>(
  protocol: ProviderProtocol<Facts>,
  settings: ClientSettings,
  random: () => number,
): Pipeline<Facts> {
  const { entry } = protocol
  const context = entry.factory
  const credentials = credentialSources(protocol)
  // A default instance is created at import: it must not throw there, so it refuses at its first call instead.
  const unsafe = browserIssues(settings.dangerouslyAllowBrowser)
  const issues = settingsIssues(settings, credentials, settings === defaultInstanceSettings ? [] : unsafe)
  if (issues.length > 0) throw new InvalidArgumentError(context, issues)

  const maxConcurrency = settings.maxConcurrency ?? entry.limits.perCredential
  const baseHeaders = mergeHeaders({ 'user-agent': userAgent(entry.id, protocol.version) }, settings.headers)
  const credentialHeaders = new Set(
    Object.values(protocol.spec.securitySchemes).map((scheme) => scheme.header.toLowerCase()),
  )
  const logger = levelled(() => settings.logger ?? console, resolveLogLevel(settings.logLevel))
  let lastMasked: { redactor: Redactor; logger: Logger } | undefined
  return {
    protocol,
    settings,
    provider: entry.id,
    context,
    credentials,
    credentialHeaders,
    unsafe,
    logger,
    hooks: settings.hooks,
    retryStatuses: [...defaultRetryStatuses, ...(entry.retryStatuses ?? [])],
    limit: maxConcurrency === undefined ? undefined : new ConcurrencyLimit(maxConcurrency),
    maxResponseBytes: settings.maxResponseBytes ?? defaultMaxResponseBytes,
    backoff: {
      initialDelayMs: settings.retry?.initialDelayMs ?? defaultInitialRetryDelayMs,
      maxDelayMs: settings.retry?.maxDelayMs ?? defaultMaxRetryDelayMs,
    },
    baseHeaders,
    random,
    baseUrl: baseUrlReader(protocol, settings, context),
    fetch: () => settings.fetch ?? globalThis.fetch,
    redactor: redactorCache(baseHeaders, credentialHeaders),
    redactingLogger: (redactor) => {
      if (lastMasked?.redactor !== redactor)
        lastMasked = { redactor, logger: redactingLogger(logger, redactor) }
      return lastMasked.logger
    },
    shouldRetry: settings.retry?.shouldRetry,
  }
}

function settingsIssues(
  settings: ClientSettings,
  credentials: readonly CredentialSource[],
  unsafe: readonly ArgumentIssue[],
): ArgumentIssue[] {
  const issues: ArgumentIssue[] = [
    ...unsafe,
    ...explicitCredentialIssues(credentials, settings as Record<string, unknown>),
    ...headersIssues('headers', settings.headers),
    ...countIssues('maxRetries', settings.maxRetries, 0),
    ...countIssues('timeoutMs', settings.timeoutMs, 1, maxTimeoutMs),
    ...countIssues('maxConcurrency', settings.maxConcurrency, 1),
    ...countIssues('maxResponseBytes', settings.maxResponseBytes, 1),
    ...countIssues('retry.initialDelayMs', settings.retry?.initialDelayMs, 0, maxTimeoutMs),
    ...countIssues('retry.maxDelayMs', settings.retry?.maxDelayMs, 0, maxTimeoutMs),
  ]
  if (settings.baseUrl !== undefined) issues.push(...(checkBaseUrl('baseUrl', settings.baseUrl).issues ?? []))
  return issues
}

/** Checking a URL costs a parse; the environment rarely changes, so the last answer is kept. */
function baseUrlReader(protocol: ProviderProtocol<unknown>, settings: ClientSettings, context: string) {
  const variable = protocol.entry.baseUrlVariable
  let last: { raw: string; resolved: string } | undefined
  return (): string => {
    const raw = settings.baseUrl ?? readEnvironment(variable) ?? protocol.spec.defaultBaseUrl
    if (last?.raw !== raw) {
      const checked = checkBaseUrl(settings.baseUrl !== undefined ? 'baseUrl' : variable, raw)
      if (checked.issues !== undefined) throw new InvalidArgumentError(context, checked.issues)
      last = { raw, resolved: checked.url }
    }
    return last.resolved
  }
}

/**
 * A call whose own headers carry no secret has the same secrets as the last
 * one with its credential: that redactor is kept, as building one compiles a
 * pattern.
 */
function redactorCache(baseHeaders: Record<string, string>, credentialHeaders: ReadonlySet<string>) {
  let last: { credential: string; redactor: Redactor } | undefined
  return (credential: string, callHeaders: Record<string, string> | undefined): Redactor => {
    const own = callHeaders === undefined ? undefined : secretsOfHeaders(callHeaders, credentialHeaders)
    const shared = own === undefined || own.length === 0
    if (shared && last?.credential === credential) return last.redactor
    const redactor = new Redactor(
      [
        ...secretsOfHeaders({ authorization: credential }),
        ...secretsOfHeaders(baseHeaders, credentialHeaders),
        ...(own ?? []),
      ],
      credentialHeaders,
    )
    if (shared) last = { credential, redactor }
    return redactor
  }
}

/** Joins the provider's credentials with its spec's security schemes: which header carries which setting. */
function credentialSources(protocol: ProviderProtocol<unknown>): CredentialSource[] {
  return protocol.entry.credentials.map((credential) => {
    const scheme = protocol.spec.securitySchemes[credential.securityScheme]
    if (scheme === undefined) {
      throw new Error(`${protocol.entry.id}: the spec has no security scheme ${credential.securityScheme}`)
    }
    return { ...credential, header: scheme.header, prefix: scheme.prefix }
  })
}

export function countIssues(
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
