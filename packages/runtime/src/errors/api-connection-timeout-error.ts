import { APIConnectionError } from './api-connection-error.js'
import { type AttemptTrail, hasErrorMarker, markError } from './customer-groups-error.js'

const marker: unique symbol = Symbol.for('customer-groups.error.APIConnectionTimeoutError')

/** An attempt took longer than `timeoutMs`; `attempts` says how many were made. */
export class APIConnectionTimeoutError extends APIConnectionError {
  override readonly name: string = 'APIConnectionTimeoutError'
  readonly timeoutMs: number

  constructor(provider: string, timeoutMs: number, options?: { trail?: AttemptTrail | undefined }) {
    super(provider, `${provider} did not answer within ${timeoutMs} ms`, options)
    this.timeoutMs = timeoutMs
    markError(this, marker)
  }

  static override isInstance(value: unknown): value is APIConnectionTimeoutError {
    return hasErrorMarker(value, marker)
  }
}
