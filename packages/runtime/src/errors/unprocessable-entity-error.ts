import { APIError } from './api-error.js'
import { hasErrorMarker } from './customer-groups-error.js'

const marker: unique symbol = Symbol.for('customer-groups.error.UnprocessableEntityError')

/** HTTP 422: the provider rejected the values sent; `errors` names the fields. */
export class UnprocessableEntityError extends APIError {
  protected readonly [marker] = true
  override readonly name: string = 'UnprocessableEntityError'

  static override isInstance(value: unknown): value is UnprocessableEntityError {
    return hasErrorMarker(value, marker)
  }
}
