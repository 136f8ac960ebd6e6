import { type AttemptTrail, CustomerGroupsError, hasErrorMarker, markError } from './customer-groups-error.js'

const marker: unique symbol = Symbol.for('customer-groups.error.APIUserAbortError')

/** The caller's AbortSignal cancelled the request. `cause` is the signal's reason. */
export class APIUserAbortError extends CustomerGroupsError {
  override readonly name: string = 'APIUserAbortError'

  constructor(options?: { cause?: unknown; trail?: AttemptTrail | undefined }) {
    super('The request was aborted by the caller', options)
    markError(this, marker)
  }

  static override isInstance(value: unknown): value is APIUserAbortError {
    return hasErrorMarker(value, marker)
  }
}
