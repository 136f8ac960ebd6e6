import { APIError } from './api-error.js'
import { hasErrorMarker } from './customer-groups-error.js'

const marker: unique symbol = Symbol.for('customer-groups.error.ConflictError')

/** HTTP 409: the change conflicts with the resource's current state. */
export class ConflictError extends APIError {
  protected readonly [marker] = true
  override readonly name: string = 'ConflictError'

  static override isInstance(value: unknown): value is ConflictError {
    return hasErrorMarker(value, marker)
  }
}
