import {
  type AttemptTrail,
  CustomerGroupsError,
  hasErrorMarker,
  markError,
  type WriteOutcome,
} from './customer-groups-error.js'

const marker: unique symbol = Symbol.for('customer-groups.error.APIConnectionError')

/**
 * No answer came back: DNS, refused or reset connection, TLS, or a timeout
 * (see the subclass). `outcome` is `failed` only when the request provably
 * never left (the connection was refused, the name did not resolve), else
 * `unknown`.
 */
export class APIConnectionError extends CustomerGroupsError {
  override readonly name: string = 'APIConnectionError'
  readonly provider: string

  constructor(
    provider: string,
    message = `Could not reach ${provider}`,
    options?: { cause?: unknown; trail?: AttemptTrail | undefined; outcome?: WriteOutcome | undefined },
  ) {
    super(message, { ...options, outcome: options?.outcome ?? 'unknown' })
    this.provider = provider
    markError(this, marker)
  }

  static override isInstance(value: unknown): value is APIConnectionError {
    return hasErrorMarker(value, marker)
  }
}
