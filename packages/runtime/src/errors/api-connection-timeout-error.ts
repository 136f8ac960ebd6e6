import { APIConnectionError } from './api-connection-error.js'
import { hasErrorMarker } from './customer-groups-error.js'

const marker: unique symbol = Symbol.for('customer-groups.error.APIConnectionTimeoutError')

/** An attempt took longer than `timeoutMs`. */
export class APIConnectionTimeoutError extends APIConnectionError {
  protected readonly [marker] = true
  override readonly name: string = 'APIConnectionTimeoutError'
  readonly timeoutMs: number

  constructor(provider: string, timeoutMs: number) {
    super(provider, `${provider} did not answer within ${timeoutMs} ms`)
    this.timeoutMs = timeoutMs
  }

  static override isInstance(value: unknown): value is APIConnectionTimeoutError {
    return hasErrorMarker(value, marker)
  }
}
