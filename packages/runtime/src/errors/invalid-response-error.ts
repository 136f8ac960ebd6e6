import { APIError, type APIErrorInit } from './api-error.js'
import { hasErrorMarker, markError } from './customer-groups-error.js'

const marker: unique symbol = Symbol.for('customer-groups.error.InvalidResponseError')

/**
 * The provider answered, but not with a body we can use: malformed JSON, an
 * HTML page, an empty or oversized body, or JSON that breaks the spec's
 * response schema. `body` keeps the (redacted, bounded) start of what came.
 * It extends `APIError`: check for it first when narrowing. Its `outcome` is
 * always `unknown`: an answer that could not be read says nothing about
 * whether the change was made.
 */
export class InvalidResponseError extends APIError {
  override readonly name: string = 'InvalidResponseError'
  /** What was wrong with the body, e.g. `malformed JSON`. */
  readonly reason: string

  constructor(init: APIErrorInit, reason: string) {
    super({ ...init, outcome: 'unknown' }, `${init.provider} answered ${init.status} with ${reason}`)
    this.reason = reason
    markError(this, marker)
  }

  static override isInstance(value: unknown): value is InvalidResponseError {
    return hasErrorMarker(value, marker)
  }
}
