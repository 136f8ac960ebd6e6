import { APIError, type APIErrorInit } from './api-error.js'
import { hasErrorMarker, markError } from './customer-groups-error.js'

const marker: unique symbol = Symbol.for('customer-groups.error.ConflictError')

/** HTTP 409: the change conflicts with the resource's current state. */
export class ConflictError extends APIError {
  override readonly name: string = 'ConflictError'

  constructor(init: APIErrorInit, message?: string) {
    super(init, message)
    markError(this, marker)
  }

  static override isInstance(value: unknown): value is ConflictError {
    return hasErrorMarker(value, marker)
  }
}
