import {
  type AttemptTrail,
  CustomerGroupsError,
  hasErrorMarker,
  markError,
  type WriteOutcome,
} from './customer-groups-error.js'

const marker: unique symbol = Symbol.for('customer-groups.error.APIError')

/** One problem a provider reported, normalized from the provider's error envelope. */
export interface ProviderErrorDetail {
  code: string
  message: string
  instance?: string
}

export interface APIErrorInit {
  provider: string
  status: number
  /** Response headers with secrets already redacted. */
  headers: Record<string, string>
  /** The body, parsed when it is JSON, secrets redacted, bounded in size. */
  body: unknown
  errors: ProviderErrorDetail[]
  requestId?: string | undefined
  /** The wait the provider asked for (`Retry-After`, `retry-after-ms`), when it said. */
  retryAfterMs?: number | undefined
  trail?: AttemptTrail | undefined
  /**
   * Whether the request may have taken effect; by default read from the status: a 5xx is `unknown`
   * (except a 503 with `Retry-After`), any other error status `failed`.
   */
  outcome?: WriteOutcome | undefined
}

/** How many provider problems the message names; `errors` keeps them all (up to a bound). */
const detailsInMessage = 5
const detailLength = 300

/** The provider answered with an error status. Subclasses name the common statuses. */
export class APIError extends CustomerGroupsError {
  override readonly name: string = 'APIError'
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
    markError(this, marker)
  }

  static override isInstance(value: unknown): value is APIError {
    return hasErrorMarker(value, marker)
  }
}

/** Waits longer than this are named in the message: the call gave up on them (see the retry policy). */
const namedWaitMs = 60_000

function retryDate(retryAfterMs: number | undefined): Date | undefined {
  if (retryAfterMs === undefined) return undefined
  const date = new Date(Date.now() + retryAfterMs)
  return Number.isNaN(date.getTime()) ? undefined : date
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
