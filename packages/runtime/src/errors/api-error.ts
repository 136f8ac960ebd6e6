import { CustomerGroupsError, hasErrorMarker } from './customer-groups-error.js'

const marker: unique symbol = Symbol.for('customer-groups.error.APIError')

/** One problem a provider reported, normalized from either provider's error envelope. */
export interface ProviderErrorDetail {
  code: string
  message: string
  instance?: string
}

export interface APIErrorInit {
  provider: string
  status: number
  /** Response headers with secret values already redacted. */
  headers: Record<string, string>
  body: unknown
  errors: ProviderErrorDetail[]
  requestId?: string | undefined
  /** The wait the provider asked for (`Retry-After`, `retry-after-ms`), when it said. */
  retryAfterMs?: number | undefined
}

/** The provider answered with an error status. Subclasses name the common statuses. */
export class APIError extends CustomerGroupsError {
  protected readonly [marker] = true
  override readonly name: string = 'APIError'
  readonly provider: string
  readonly status: number
  readonly headers: Record<string, string>
  readonly body: unknown
  readonly errors: ProviderErrorDetail[]
  readonly requestId: string | undefined
  /** The wait the provider asked for before a retry, in milliseconds, when it said. */
  readonly retryAfterMs: number | undefined

  constructor(init: APIErrorInit, message = describe(init)) {
    super(message)
    this.provider = init.provider
    this.status = init.status
    this.headers = init.headers
    this.body = init.body
    this.errors = init.errors
    this.requestId = init.requestId
    this.retryAfterMs = init.retryAfterMs
  }

  static override isInstance(value: unknown): value is APIError {
    return hasErrorMarker(value, marker)
  }
}

function describe(init: APIErrorInit): string {
  const details = init.errors.map((error) =>
    error.instance === undefined ? error.message : `${error.message} (${error.instance})`,
  )
  const request = init.requestId === undefined ? '' : ` [request ${init.requestId}]`
  return `${init.provider} answered ${init.status}${details.length > 0 ? `: ${details.join('; ')}` : ''}${request}`
}
