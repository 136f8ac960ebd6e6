import { APIError, type APIErrorInit } from './api-error.js'
import { hasErrorMarker, markError } from './customer-groups-error.js'

const marker: unique symbol = Symbol.for('customer-groups.error.UnprocessableEntityError')

/** HTTP 422: the provider rejected the values sent; `errors` names the fields. */
export class UnprocessableEntityError extends APIError {
  override readonly name: string = 'UnprocessableEntityError'

  constructor(init: APIErrorInit, message?: string) {
    super(init, message)
    markError(this, marker)
  }

  static override isInstance(value: unknown): value is UnprocessableEntityError {
    return hasErrorMarker(value, marker)
  }
}
