import { APIError } from './api-error.js'
import { hasErrorMarker } from './customer-groups-error.js'

const marker: unique symbol = Symbol.for('customer-groups.error.BadRequestError')

/** HTTP 400: the provider could not read the request. */
export class BadRequestError extends APIError {
  protected readonly [marker] = true
  override readonly name: string = 'BadRequestError'

  static override isInstance(value: unknown): value is BadRequestError {
    return hasErrorMarker(value, marker)
  }
}
