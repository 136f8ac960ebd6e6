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

/**
 * What became of a request that did not succeed, in the words every write
 * ends with: `failed` when it certainly did not take effect (it was never
 * sent, or the provider refused it or said it did not process it), `unknown`
 * when it may have (it was sent and no trustworthy answer came back: a reset
 * after sending, a timeout, a 5xx, an unreadable or oversized answer). A
 * write that succeeded is `done`.
 */
export type WriteOutcome = 'failed' | 'unknown'

/** How much trying a request took before it failed. */
export interface AttemptTrail {
  /** Requests sent, the first one included. */
  attempts: number
  /** From the call's start to the failure, waits between retries included. */
  elapsedMs: number
  /** `unknown` when an earlier attempt of the call may have taken effect, whatever the last one says. */
  outcome?: WriteOutcome | undefined
}

/** Base class of every error the customer-groups packages throw. */
export class CustomerGroupsError extends Error {
  override readonly name: string = 'CustomerGroupsError'
  /** Requests sent before the failure; `undefined` when it failed before sending (bad input). */
  readonly attempts: number | undefined
  readonly elapsedMs: number | undefined
  /**
   * Whether the request may have taken effect: `failed` (it did not) or
   * `unknown` (it may have). An error thrown before anything was sent, such
   * as bad input, is `failed`. A write whose error says `unknown` must be
   * looked up before it is sent again (see the runtime's README).
   */
  readonly outcome: WriteOutcome

  constructor(
    message: string,
    options?: { cause?: unknown; trail?: AttemptTrail | undefined; outcome?: WriteOutcome | undefined },
  ) {
    super(
      message + describeTrail(options?.trail),
      options?.cause === undefined ? undefined : { cause: options.cause },
    )
    this.attempts = options?.trail?.attempts
    this.elapsedMs = options?.trail?.elapsedMs
    // An earlier attempt that may have taken effect makes the whole call `unknown`.
    this.outcome =
      options?.trail?.outcome === 'unknown' || options?.outcome === 'unknown' ? 'unknown' : 'failed'
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
