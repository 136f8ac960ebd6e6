import { APIError, type APIErrorInit } from './api-error.js'
import { hasErrorMarker, markError } from './customer-groups-error.js'

const marker: unique symbol = Symbol.for('customer-groups.error.RedirectError')

/**
 * The provider answered with a redirect (3xx). Redirects are never followed:
 * neither API documents one, and following it would send the credential and
 * the body to wherever `Location` points. Never retried.
 */
export class RedirectError extends APIError {
  override readonly name: string = 'RedirectError'
  /** Scheme, host and port of `Location`, or `undefined` when it was missing or unreadable. Never the path. */
  readonly targetOrigin: string | undefined

  constructor(init: APIErrorInit, targetOrigin: string | undefined) {
    super(
      init,
      `${init.provider} answered ${init.status} redirecting to ${targetOrigin ?? 'an unknown location'}; redirects are not followed`,
    )
    this.targetOrigin = targetOrigin
    markError(this, marker)
  }

  static override isInstance(value: unknown): value is RedirectError {
    return hasErrorMarker(value, marker)
  }
}
