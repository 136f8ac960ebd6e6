import { APIError, type APIErrorInit } from './api-error.js'
import { hasErrorMarker, markError } from './customer-groups-error.js'

const marker: unique symbol = Symbol.for('customer-groups.error.PermissionDeniedError')

/** HTTP 403: the credentials may not do this. */
export class PermissionDeniedError extends APIError {
  override readonly name: string = 'PermissionDeniedError'

  constructor(init: APIErrorInit, message?: string) {
    super(init, message)
    markError(this, marker)
  }

  static override isInstance(value: unknown): value is PermissionDeniedError {
    return hasErrorMarker(value, marker)
  }
}
