const marker: unique symbol = Symbol.for('customer-groups.error')

/** True when `value` carries `marker`; works across copies of this package, unlike `instanceof`. */
export function hasErrorMarker(value: unknown, errorMarker: symbol): boolean {
  return (
    typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[errorMarker] === true
  )
}

/** Base class of every error the customer-groups packages throw. */
export class CustomerGroupsError extends Error {
  protected readonly [marker] = true
  override readonly name: string = 'CustomerGroupsError'

  static isInstance(value: unknown): value is CustomerGroupsError {
    return hasErrorMarker(value, marker)
  }
}
