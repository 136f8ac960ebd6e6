import { hasErrorMarker, markError } from './customer-groups-error.js'
import { type ArgumentIssue, InvalidArgumentError } from './invalid-argument-error.js'

const marker: unique symbol = Symbol.for('customer-groups.error.UnsupportedOperationError')

/**
 * The provider does not offer the operation (Xtrakit has no delete, for
 * example). Thrown before anything is sent; `capabilities.operations` says in
 * advance what each provider supports.
 */
export class UnsupportedOperationError extends InvalidArgumentError {
  override readonly name: string = 'UnsupportedOperationError'
  readonly provider: string
  readonly operation: string

  constructor(provider: string, operation: string) {
    const issue: ArgumentIssue = {
      field: 'provider',
      code: 'unsupported-operation',
      message: `${provider} does not support ${operation}`,
    }
    super(operation, [issue])
    this.provider = provider
    this.operation = operation
    markError(this, marker)
  }

  static override isInstance(value: unknown): value is UnsupportedOperationError {
    return hasErrorMarker(value, marker)
  }
}
