import { type AttemptTrail, CustomerGroupsError, hasErrorMarker, markError } from './customer-groups-error.js'

const marker: unique symbol = Symbol.for('customer-groups.error.APIConnectionError')

/** No answer came back: DNS, refused or reset connection, TLS, or a timeout (see the subclass). */
export class APIConnectionError extends CustomerGroupsError {
  override readonly name: string = 'APIConnectionError'
  readonly provider: string

  constructor(
    provider: string,
    message = `Could not reach ${provider}`,
    options?: { cause?: unknown; trail?: AttemptTrail | undefined },
  ) {
    super(message, options)
    this.provider = provider
    markError(this, marker)
  }

  static override isInstance(value: unknown): value is APIConnectionError {
    return hasErrorMarker(value, marker)
  }
}
