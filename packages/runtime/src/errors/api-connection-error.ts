import { type AttemptTrail, CustomerGroupsError, hasErrorMarker } from './customer-groups-error.js'

const marker: unique symbol = Symbol.for('customer-groups.error.APIConnectionError')

/** No answer came back: DNS, refused or reset connection, TLS, or a timeout (see the subclass). */
export class APIConnectionError extends CustomerGroupsError {
  protected readonly [marker] = true
  override readonly name: string = 'APIConnectionError'
  readonly provider: string

  constructor(
    provider: string,
    message = `Could not reach ${provider}`,
    options?: { cause?: unknown; trail?: AttemptTrail | undefined },
  ) {
    super(message, options)
    this.provider = provider
  }

  static override isInstance(value: unknown): value is APIConnectionError {
    return hasErrorMarker(value, marker)
  }
}
