const marker: unique symbol = Symbol.for('customer-groups.error')

/** True when `value` carries `marker`; works across copies of this package, unlike `instanceof`. */
export function hasErrorMarker(value: unknown, errorMarker: symbol): boolean {
  return (
    typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[errorMarker] === true
  )
}

/** How much trying a request took before it failed. */
export interface AttemptTrail {
  /** Requests sent, the first one included. */
  attempts: number
  /** From the call's start to the failure, waits between retries included. */
  elapsedMs: number
}

/** Base class of every error the customer-groups packages throw. */
export class CustomerGroupsError extends Error {
  protected readonly [marker] = true
  override readonly name: string = 'CustomerGroupsError'
  /** Requests sent before the failure; `undefined` when it failed before sending (bad input). */
  readonly attempts: number | undefined
  readonly elapsedMs: number | undefined

  constructor(message: string, options?: { cause?: unknown; trail?: AttemptTrail | undefined }) {
    super(message + describeTrail(options?.trail), options?.cause === undefined ? undefined : options)
    this.attempts = options?.trail?.attempts
    this.elapsedMs = options?.trail?.elapsedMs
  }

  static isInstance(value: unknown): value is CustomerGroupsError {
    return hasErrorMarker(value, marker)
  }
}

/** ` (after 3 attempts in 1.9 s)`, or nothing for a single attempt. */
function describeTrail(trail: AttemptTrail | undefined): string {
  if (trail === undefined || trail.attempts <= 1) return ''
  return ` (after ${trail.attempts} attempts in ${(trail.elapsedMs / 1000).toFixed(1)} s)`
}
