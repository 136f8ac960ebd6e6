import { APIError } from './api-error.js'
import { hasErrorMarker } from './customer-groups-error.js'

const marker: unique symbol = Symbol.for('customer-groups.error.RateLimitError')

/** HTTP 429: too many requests. `retryAfterMs` is the wait the provider asked for, when it said. */
export class RateLimitError extends APIError {
  protected readonly [marker] = true
  override readonly name: string = 'RateLimitError'

  static override isInstance(value: unknown): value is RateLimitError {
    return hasErrorMarker(value, marker)
  }
}
