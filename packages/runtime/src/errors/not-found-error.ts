import { APIError } from './api-error.js'
import { hasErrorMarker } from './customer-groups-error.js'

const marker: unique symbol = Symbol.for('customer-groups.error.NotFoundError')

/** HTTP 404: no such customer group (or endpoint). */
export class NotFoundError extends APIError {
  protected readonly [marker] = true
  override readonly name: string = 'NotFoundError'

  static override isInstance(value: unknown): value is NotFoundError {
    return hasErrorMarker(value, marker)
  }
}
