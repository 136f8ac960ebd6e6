import { APIError } from './api-error.js'
import { hasErrorMarker } from './customer-groups-error.js'

const marker: unique symbol = Symbol.for('customer-groups.error.AuthenticationError')

/** HTTP 401: the credentials are missing or not valid. */
export class AuthenticationError extends APIError {
  protected readonly [marker] = true
  override readonly name: string = 'AuthenticationError'

  static override isInstance(value: unknown): value is AuthenticationError {
    return hasErrorMarker(value, marker)
  }
}
