// Every error the customer-groups packages throw, in one module: the base class, the HTTP status
// errors (one line each), and the errors of answers, connections, input and writes.
import type { IssueCode } from './validation/issue-code.js'

/** Where an error keeps the brands of its classes, the same symbol in every copy of this package. */
const brands: unique symbol = Symbol.for('customer-groups.error.brands')

/**
 * What became of a request that did not succeed, in the words every write
 * ends with: `failed` when it certainly did not take effect (it was never
 * sent, or the provider refused it or said it did not process it), `unknown`
 * when it may have (it was sent and no trustworthy answer came back: a reset
 * after sending, a timeout, a 5xx, an unreadable or oversized answer). A
 * write that succeeded is `done`.
 */
export type WriteOutcome = 'failed' | 'unknown'

/** How much trying a request took before it failed. */
export interface AttemptTrail {
  /** Requests sent, the first one included. */
  attempts: number
  /** From the call's start to the failure, waits between retries included. */
  elapsedMs: number
  /** `unknown` when an earlier attempt of the call may have taken effect, whatever the last one says. */
  outcome?: WriteOutcome | undefined
}

type ErrorClass = { readonly brand: string }

/** The brands of a class and every class it extends, computed once per class. */
const brandCache = new WeakMap<object, readonly string[]>()
function brandsOf(type: ErrorClass): readonly string[] {
  let known = brandCache.get(type)
  if (known === undefined) {
    const found = new Set<string>()
    for (let at: unknown = type; typeof at === 'function' && 'brand' in at; at = Object.getPrototypeOf(at)) {
      found.add((at as ErrorClass).brand)
    }
    known = [...found]
    brandCache.set(type, known)
  }
  return known
}

function hasBrand(value: unknown, brand: string): boolean {
  if (typeof value !== 'object' || value === null) return false
  const held = (value as { [brands]?: unknown })[brands]
  return Array.isArray(held) && held.includes(brand)
}

/**
 * Base class of every error the customer-groups packages throw. Each class
 * names itself by its `brand`; `isInstance` and `instanceof` compare brands,
 * so an error from one installed copy of this package is an instance of the
 * same class imported from another copy.
 */
export class CustomerGroupsError extends Error {
  /** The class's name, the same in every copy of this package (a bundler may rename the class itself). */
  static readonly brand: string = 'CustomerGroupsError'
  override readonly name: string
  /** Requests sent before the failure; `undefined` when it failed before sending (bad input). */
  readonly attempts: number | undefined
  readonly elapsedMs: number | undefined
  /**
   * Whether the request may have taken effect: `failed` (it did not) or
   * `unknown` (it may have). An error thrown before anything was sent, such
   * as bad input, is `failed`. A write whose error says `unknown` must be
   * looked up before it is sent again (see the runtime's README).
   */
  readonly outcome: WriteOutcome

  constructor(
    message: string,
    options?: { cause?: unknown; trail?: AttemptTrail | undefined; outcome?: WriteOutcome | undefined },
  ) {
    super(
      message + describeTrail(options?.trail),
      options?.cause === undefined ? undefined : { cause: options.cause },
    )
    const type = new.target as unknown as ErrorClass
    this.name = type.brand
    this.attempts = options?.trail?.attempts
    this.elapsedMs = options?.trail?.elapsedMs
    // An earlier attempt that may have taken effect makes the whole call `unknown`.
    this.outcome =
      options?.trail?.outcome === 'unknown' || options?.outcome === 'unknown' ? 'unknown' : 'failed'
    Object.defineProperty(this, brands, { value: brandsOf(type) })
  }

  /** Whether `value` is an instance of this class, whichever copy of this package made it. */
  static isInstance<Class extends abstract new (...args: never) => unknown>(
    this: Class & ErrorClass,
    value: unknown,
  ): value is InstanceType<Class> {
    // biome-ignore lint/complexity/noThisInStatic: `this` is the class asked about, each with its own brand.
    return hasBrand(value, this.brand)
  }

  /** `instanceof` asks for the brand too: see `isInstance`. */
  static override [Symbol.hasInstance](value: unknown): boolean {
    // biome-ignore lint/complexity/noThisInStatic: `this` is the class asked about, each with its own brand.
    return hasBrand(value, this.brand)
  }
}

/** ` (after 3 attempts in 1.9 s)`, or nothing for a single attempt. */
function describeTrail(trail: AttemptTrail | undefined): string {
  if (trail === undefined || trail.attempts <= 1) return ''
  return ` (after ${trail.attempts} attempts in ${(trail.elapsedMs / 1000).toFixed(1)} s)`
}

/** One problem a provider reported, normalized from the provider's error envelope. */
export interface ProviderErrorDetail {
  code: string
  message: string
  instance?: string
}

/** What an answer that failed the call says: where it came from, its status, headers and body. */
export interface AnswerInit {
  provider: string
  status: number
  /** Response headers with secrets already redacted. */
  headers: Record<string, string>
  /** The body, parsed when it is JSON, secrets redacted, bounded in size. */
  body: unknown
  requestId?: string | undefined
  trail?: AttemptTrail | undefined
}

export interface APIErrorInit extends AnswerInit {
  errors: ProviderErrorDetail[]
  /** The wait the provider asked for (`Retry-After`, `retry-after-ms`), when it said. */
  retryAfterMs?: number | undefined
  /**
   * Whether the request may have taken effect; by default read from the status: a 5xx is `unknown`
   * (except a 503 with `Retry-After`), any other error status `failed`.
   */
  outcome?: WriteOutcome | undefined
}

/** How many provider problems the message names; `errors` keeps them all (up to a bound). */
const detailsInMessage = 5
const detailLength = 300
/** Waits longer than this are named in the message: the call gave up on them (see the retry policy). */
const namedWaitMs = 60_000

/** The provider answered with an error status (4xx, 5xx). Subclasses name the common statuses. */
export class APIError extends CustomerGroupsError {
  static override readonly brand: string = 'APIError'
  readonly provider: string
  readonly status: number
  readonly headers: Record<string, string>
  readonly body: unknown
  readonly errors: ProviderErrorDetail[]
  readonly requestId: string | undefined
  /** The wait the provider asked for before a retry, in milliseconds, when it said. */
  readonly retryAfterMs: number | undefined
  /** When the provider said it accepts requests again (now plus `retryAfterMs`), when it said. */
  readonly retryAt: Date | undefined

  constructor(init: APIErrorInit, message?: string) {
    const retryAt = retryDate(init.retryAfterMs)
    super(message ?? describe(init, retryAt), {
      trail: init.trail,
      outcome: init.outcome ?? statusOutcome(init.status, init.retryAfterMs),
    })
    this.retryAt = retryAt
    this.provider = init.provider
    this.status = init.status
    this.headers = init.headers
    this.body = init.body
    this.errors = init.errors
    this.requestId = init.requestId
    this.retryAfterMs = init.retryAfterMs
  }
}

/** HTTP 400: the provider could not read the request. */
export class BadRequestError extends APIError {
  static override readonly brand: string = 'BadRequestError'
}
/** HTTP 401: the credentials are missing or not valid. */
export class AuthenticationError extends APIError {
  static override readonly brand: string = 'AuthenticationError'
}
/** HTTP 403: the credentials may not do this. */
export class PermissionDeniedError extends APIError {
  static override readonly brand: string = 'PermissionDeniedError'
}
/** HTTP 404: no such customer group (or endpoint). */
export class NotFoundError extends APIError {
  static override readonly brand: string = 'NotFoundError'
}
/** HTTP 409: the change conflicts with the resource's current state. */
export class ConflictError extends APIError {
  static override readonly brand: string = 'ConflictError'
}
/** HTTP 422: the provider rejected the values sent; `errors` names the fields. */
export class UnprocessableEntityError extends APIError {
  static override readonly brand: string = 'UnprocessableEntityError'
}
/** HTTP 429: too many requests. `retryAfterMs` is the wait the provider asked for, when it said. */
export class RateLimitError extends APIError {
  static override readonly brand: string = 'RateLimitError'
}
/** HTTP 500 or above: the provider failed. */
export class InternalServerError extends APIError {
  static override readonly brand: string = 'InternalServerError'
}

const byStatus: Record<number, new (init: APIErrorInit) => APIError> = {
  400: BadRequestError,
  401: AuthenticationError,
  403: PermissionDeniedError,
  404: NotFoundError,
  409: ConflictError,
  422: UnprocessableEntityError,
  429: RateLimitError,
}

/** Picks the error class for a status; statuses without their own class stay a plain `APIError`. */
export function createAPIError(init: APIErrorInit): APIError {
  const ErrorClass = init.status >= 500 ? InternalServerError : (byStatus[init.status] ?? APIError)
  return new ErrorClass(init)
}

/**
 * What an error status says about the request: a 5xx may come after the
 * change was made (a proxy's 502, a crash after the write), so it is
 * `unknown`, except a 503 with `Retry-After`, the server saying it did not
 * take the request on. Every other status (a redirect, a 4xx) is the provider
 * not doing it: `failed`.
 */
export function statusOutcome(status: number, retryAfterMs: number | undefined): WriteOutcome {
  if (status < 500) return 'failed'
  return status === 503 && retryAfterMs !== undefined ? 'failed' : 'unknown'
}

function retryDate(retryAfterMs: number | undefined): Date | undefined {
  if (retryAfterMs === undefined) return undefined
  const date = new Date(Date.now() + retryAfterMs)
  return Number.isNaN(date.getTime()) ? undefined : date
}

function describe(init: APIErrorInit, retryAt: Date | undefined): string {
  const details = init.errors.slice(0, detailsInMessage).map((error) => {
    const text = error.instance === undefined ? error.message : `${error.message} (${error.instance})`
    return text.length > detailLength ? `${text.slice(0, detailLength)}…` : text
  })
  const more = init.errors.length - details.length
  if (more > 0) details.push(`and ${more} more`)
  const request = init.requestId === undefined ? '' : ` [request ${init.requestId.slice(0, 100)}]`
  const wait =
    retryAt === undefined || (init.retryAfterMs ?? 0) <= namedWaitMs
      ? ''
      : `; it accepts requests again after ${retryAt.toISOString()} (asked to wait ${describeWait(init.retryAfterMs ?? 0)}; not retried)`
  return `${init.provider} answered ${init.status}${details.length > 0 ? `: ${details.join('; ')}` : ''}${wait}${request}`
}

function describeWait(ms: number): string {
  const minutes = ms / 60_000
  if (minutes < 120) return `${Math.ceil(minutes)} min`
  const hours = minutes / 60
  return hours < 72 ? `${Math.ceil(hours)} h` : `${Math.ceil(hours / 24)} days`
}

/**
 * The provider answered, but not with a body we can use: malformed JSON, an
 * HTML page, an empty or oversized body, or JSON that breaks the spec's
 * response schema. `body` keeps the (redacted, bounded) start of what came.
 * Not an `APIError`: no error status produced it, often a 200 did. Its
 * `outcome` is always `unknown`: an answer that could not be read says
 * nothing about whether the change was made.
 */
export class InvalidResponseError extends CustomerGroupsError {
  static override readonly brand: string = 'InvalidResponseError'
  readonly provider: string
  readonly status: number
  readonly headers: Record<string, string>
  readonly body: unknown
  readonly requestId: string | undefined
  /** What was wrong with the body, e.g. `malformed JSON`. */
  readonly reason: string

  constructor(init: AnswerInit, reason: string) {
    super(`${init.provider} answered ${init.status} with ${reason}`, {
      trail: init.trail,
      outcome: 'unknown',
    })
    this.provider = init.provider
    this.status = init.status
    this.headers = init.headers
    this.body = init.body
    this.requestId = init.requestId
    this.reason = reason
  }
}

/**
 * The provider answered with a redirect (3xx). Redirects are never followed:
 * neither API documents one, and following it would send the credential and
 * the body to wherever `Location` points. Never retried; not an `APIError`
 * (a redirect is not an error status).
 */
export class RedirectError extends CustomerGroupsError {
  static override readonly brand: string = 'RedirectError'
  readonly provider: string
  readonly status: number
  readonly headers: Record<string, string>
  readonly body: unknown
  readonly requestId: string | undefined
  /** Scheme, host and port of `Location`, or `undefined` when it was missing or unreadable. Never the path. */
  readonly targetOrigin: string | undefined

  constructor(init: AnswerInit, targetOrigin: string | undefined) {
    super(
      `${init.provider} answered ${init.status} redirecting to ${targetOrigin ?? 'an unknown location'}; redirects are not followed`,
      { trail: init.trail },
    )
    this.provider = init.provider
    this.status = init.status
    this.headers = init.headers
    this.body = init.body
    this.requestId = init.requestId
    this.targetOrigin = targetOrigin
  }
}

/**
 * No answer came back: DNS, refused or reset connection, TLS, or a timeout
 * (see the subclass). `outcome` is `failed` only when the request provably
 * never left (the connection was refused, the name did not resolve), else
 * `unknown`.
 */
export class APIConnectionError extends CustomerGroupsError {
  static override readonly brand: string = 'APIConnectionError'
  readonly provider: string

  constructor(
    provider: string,
    message = `Could not reach ${provider}`,
    options?: { cause?: unknown; trail?: AttemptTrail | undefined; outcome?: WriteOutcome | undefined },
  ) {
    super(message, { ...options, outcome: options?.outcome ?? 'unknown' })
    this.provider = provider
  }
}

/** An attempt took longer than `timeoutMs`; `attempts` says how many were made. */
export class APIConnectionTimeoutError extends APIConnectionError {
  static override readonly brand: string = 'APIConnectionTimeoutError'
  readonly timeoutMs: number

  constructor(provider: string, timeoutMs: number, options?: { trail?: AttemptTrail | undefined }) {
    super(provider, `${provider} did not answer within ${timeoutMs} ms`, options)
    this.timeoutMs = timeoutMs
  }
}

/**
 * The caller's AbortSignal cancelled the request. `cause` is the signal's
 * reason. `outcome` is `unknown` when it was cancelled in flight, `failed`
 * when it was cancelled before it was sent (queued, or waiting to retry).
 */
export class APIUserAbortError extends CustomerGroupsError {
  static override readonly brand: string = 'APIUserAbortError'

  constructor(options?: {
    cause?: unknown
    trail?: AttemptTrail | undefined
    outcome?: WriteOutcome | undefined
  }) {
    super('The request was aborted by the caller', options)
  }
}

/** One rule one argument broke. `field` is a dotted path such as `maxDiscount` or `headers.X-Trace`. */
export interface ArgumentIssue {
  field: string
  /** Which rule, from a closed set: match on this, not on the message. */
  code: IssueCode
  /** What is wrong, for people. */
  message: string
}

/** Bad input, caught before any request was sent. Lists every offending field. */
export class InvalidArgumentError extends CustomerGroupsError {
  static override readonly brand: string = 'InvalidArgumentError'
  readonly issues: readonly ArgumentIssue[]

  constructor(context: string, issues: readonly ArgumentIssue[]) {
    const lines = issues.map((issue) => `  - ${issue.field}: ${issue.message} (${issue.code})`)
    super(`Invalid arguments for ${context}:\n${lines.join('\n')}`)
    this.issues = issues
  }
}

/**
 * The provider does not offer the operation (some have no delete, for
 * example). Thrown before anything is sent; `capabilities.operations` says in
 * advance what each provider supports.
 */
export class UnsupportedOperationError extends InvalidArgumentError {
  static override readonly brand: string = 'UnsupportedOperationError'
  readonly provider: string
  readonly operation: string

  constructor(provider: string, operation: string) {
    super(operation, [
      {
        field: 'provider',
        code: 'unsupported-operation',
        message: `${provider} does not support ${operation}`,
      },
    ])
    this.provider = provider
    this.operation = operation
  }
}

/** One field of a group that is not what the caller last read. */
export interface GroupChange {
  /** `name`, `description` or `updatedAt`. */
  field: string
  /** What the caller read. */
  expected: unknown
  /** What the provider holds now. */
  found: unknown
}

/**
 * The group changed after the caller read it: an update that sends the whole
 * group would have overwritten that change, so nothing was sent. Read the
 * group again and decide. Its `outcome` is `failed`: the write did not happen.
 */
export class GroupChangedError extends CustomerGroupsError {
  static override readonly brand: string = 'GroupChangedError'
  readonly provider: string
  readonly id: string
  /** What differs, field by field. */
  readonly changes: readonly GroupChange[]

  constructor(provider: string, id: string, changes: readonly GroupChange[]) {
    const fields = changes.map((change) => change.field).join(', ')
    super(
      `${provider} group ${id.slice(0, 100)} changed since it was read (${fields}); it was not overwritten`,
    )
    this.provider = provider
    this.id = id
    this.changes = changes
  }
}

/** Several groups of one account have the name asked for: which one was meant cannot be told. */
export class AmbiguousNameError extends CustomerGroupsError {
  static override readonly brand: string = 'AmbiguousNameError'
  readonly provider: string
  readonly groupName: string
  /** The ids of every group with that name. */
  readonly ids: readonly string[]

  constructor(
    provider: string,
    groupName: string,
    ids: readonly string[],
    /** `unknown` when a create of the name may be among them. */
    options?: { outcome?: WriteOutcome | undefined },
  ) {
    super(
      `${provider} has ${ids.length} groups named ${JSON.stringify(groupName.slice(0, 200))} (ids ${ids.slice(0, 10).join(', ')}); use the id to say which`,
      options,
    )
    this.provider = provider
    this.groupName = groupName
    this.ids = ids
  }
}

/** A group found on the target under a name: its id and that name. */
export interface RenameCandidate {
  id: string
  name: string
}

/**
 * A desired group's `renamedFrom` cannot be followed on a target: two groups
 * carry its old names (`several-old`), or groups carry both an old name and
 * the new one (`clash`). Which group to keep cannot be told, so the target is
 * not planned; rename or merge the groups there by hand, or change the file.
 */
export class RenameConflictError extends CustomerGroupsError {
  static override readonly brand: string = 'RenameConflictError'
  readonly provider: string
  /** The desired (new) name. */
  readonly groupName: string
  readonly reason: 'several-old' | 'clash'
  /** Every group involved: those under old names, and under the new one for a clash. */
  readonly groups: readonly RenameCandidate[]

  constructor(
    provider: string,
    groupName: string,
    reason: 'several-old' | 'clash',
    groups: readonly RenameCandidate[],
  ) {
    const listed = groups
      .slice(0, 10)
      .map((group) => `${JSON.stringify(group.name.slice(0, 100))} (id ${group.id.slice(0, 50)})`)
      .join(', ')
    const what =
      reason === 'clash'
        ? 'has groups under both its new name and an old name of renamedFrom'
        : 'has several groups under the old names of renamedFrom'
    super(
      `${provider} ${what} of ${JSON.stringify(groupName.slice(0, 200))}: ${listed}; rename or merge them there first, or change renamedFrom`,
    )
    this.provider = provider
    this.groupName = groupName
    this.reason = reason
    this.groups = groups
  }
}
