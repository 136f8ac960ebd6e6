import { APIError, type APIErrorInit } from './api-error.js'
import { hasErrorMarker, markError } from './customer-groups-error.js'

const marker: unique symbol = Symbol.for('customer-groups.error.InternalServerError')

/** HTTP 500 or above: the provider failed. */
export class InternalServerError extends APIError {
  override readonly name: string = 'InternalServerError'

  constructor(init: APIErrorInit, message?: string) {
    super(init, message)
    markError(this, marker)
  }

  static override isInstance(value: unknown): value is InternalServerError {
    return hasErrorMarker(value, marker)
  }
}
