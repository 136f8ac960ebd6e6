import {
  type AttemptTrail,
  CustomerGroupsError,
  hasErrorMarker,
  markError,
  type WriteOutcome,
} from './customer-groups-error.js'

const marker: unique symbol = Symbol.for('customer-groups.error.APIUserAbortError')

/**
 * The caller's AbortSignal cancelled the request. `cause` is the signal's
 * reason. `outcome` is `unknown` when it was cancelled in flight, `failed`
 * when it was cancelled before it was sent (queued, or waiting to retry).
 */
export class APIUserAbortError extends CustomerGroupsError {
  override readonly name: string = 'APIUserAbortError'

  constructor(options?: {
    cause?: unknown
    trail?: AttemptTrail | undefined
    outcome?: WriteOutcome | undefined
  }) {
    super('The request was aborted by the caller', options)
    markError(this, marker)
  }

  static override isInstance(value: unknown): value is APIUserAbortError {
    return hasErrorMarker(value, marker)
  }
}
