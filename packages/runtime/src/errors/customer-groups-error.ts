const marker: unique symbol = Symbol.for('customer-groups.error')

/** True when `value` carries `marker`; works across copies of this package, unlike `instanceof`. */
export function hasErrorMarker(value: unknown, errorMarker: symbol): boolean {
  return (
    typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[errorMarker] === true
  )
}

/**
 * Marks an error as an instance of a class, for `isInstance`. Set in the
 * constructor (not as a class field with a computed key), so that a bundler
 * can drop every error class an app never uses.
 */
export function markError(error: object, errorMarker: symbol): void {
  Object.defineProperty(error, errorMarker, { value: true })
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
  override readonly name: string = 'CustomerGroupsError'
  /** Requests sent before the failure; `undefined` when it failed before sending (bad input). */
  readonly attempts: number | undefined
  readonly elapsedMs: number | undefined

  constructor(message: string, options?: { cause?: unknown; trail?: AttemptTrail | undefined }) {
    super(message + describeTrail(options?.trail), options?.cause === undefined ? undefined : options)
    this.attempts = options?.trail?.attempts
    this.elapsedMs = options?.trail?.elapsedMs
    markError(this, marker)
  }

  static isInstance(value: unknown): value is CustomerGroupsError {
    return hasErrorMarker(value, marker)
  }

  /**
   * `instanceof` asks `isInstance`: an error thrown by one copy of these
   * classes (each provider package bundles its own) is still an instance of
   * the same class imported from another package.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    // biome-ignore lint/complexity/noThisInStatic: `this` is the subclass asked about, each with its own isInstance.
    return this.isInstance(value)
  }
}

/** ` (after 3 attempts in 1.9 s)`, or nothing for a single attempt. */
function describeTrail(trail: AttemptTrail | undefined): string {
  if (trail === undefined || trail.attempts <= 1) return ''
  return ` (after ${trail.attempts} attempts in ${(trail.elapsedMs / 1000).toFixed(1)} s)`
}
