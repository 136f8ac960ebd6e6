import { APIError, type APIErrorInit } from './api-error.js'
import { hasErrorMarker, markError } from './customer-groups-error.js'

const marker: unique symbol = Symbol.for('customer-groups.error.AuthenticationError')

/** HTTP 401: the credentials are missing or not valid. */
export class AuthenticationError extends APIError {
  override readonly name: string = 'AuthenticationError'

  constructor(init: APIErrorInit, message?: string) {
    super(init, message)
    markError(this, marker)
  }

  static override isInstance(value: unknown): value is AuthenticationError {
    return hasErrorMarker(value, marker)
  }
}
