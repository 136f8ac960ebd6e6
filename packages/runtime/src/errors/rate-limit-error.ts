import { APIError, type APIErrorInit } from './api-error.js'
import { hasErrorMarker, markError } from './customer-groups-error.js'

const marker: unique symbol = Symbol.for('customer-groups.error.RateLimitError')

/** HTTP 429: too many requests. `retryAfterMs` is the wait the provider asked for, when it said. */
export class RateLimitError extends APIError {
  override readonly name: string = 'RateLimitError'

  constructor(init: APIErrorInit, message?: string) {
    super(init, message)
    markError(this, marker)
  }

  static override isInstance(value: unknown): value is RateLimitError {
    return hasErrorMarker(value, marker)
  }
}
