import { APIError } from './api-error.js'
import { hasErrorMarker } from './customer-groups-error.js'

const marker: unique symbol = Symbol.for('customer-groups.error.InternalServerError')

/** HTTP 500 or above: the provider failed. */
export class InternalServerError extends APIError {
  protected readonly [marker] = true
  override readonly name: string = 'InternalServerError'

  static override isInstance(value: unknown): value is InternalServerError {
    return hasErrorMarker(value, marker)
  }
}
