import { APIError } from './api-error.js'
import { hasErrorMarker } from './customer-groups-error.js'

const marker: unique symbol = Symbol.for('customer-groups.error.PermissionDeniedError')

/** HTTP 403: the credentials may not do this. */
export class PermissionDeniedError extends APIError {
  protected readonly [marker] = true
  override readonly name: string = 'PermissionDeniedError'

  static override isInstance(value: unknown): value is PermissionDeniedError {
    return hasErrorMarker(value, marker)
  }
}
