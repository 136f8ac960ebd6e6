import { APIError, type APIErrorInit } from './api-error.js'
import { hasErrorMarker, markError } from './customer-groups-error.js'

const marker: unique symbol = Symbol.for('customer-groups.error.NotFoundError')

/** HTTP 404: no such customer group (or endpoint). */
export class NotFoundError extends APIError {
  override readonly name: string = 'NotFoundError'

  constructor(init: APIErrorInit, message?: string) {
    super(init, message)
    markError(this, marker)
  }

  static override isInstance(value: unknown): value is NotFoundError {
    return hasErrorMarker(value, marker)
  }
}
