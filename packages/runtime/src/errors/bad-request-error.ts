import { APIError, type APIErrorInit } from './api-error.js'
import { hasErrorMarker, markError } from './customer-groups-error.js'

const marker: unique symbol = Symbol.for('customer-groups.error.BadRequestError')

/** HTTP 400: the provider could not read the request. */
export class BadRequestError extends APIError {
  override readonly name: string = 'BadRequestError'

  constructor(init: APIErrorInit, message?: string) {
    super(init, message)
    markError(this, marker)
  }

  static override isInstance(value: unknown): value is BadRequestError {
    return hasErrorMarker(value, marker)
  }
}
