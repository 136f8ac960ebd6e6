import { CustomerGroupsError, hasErrorMarker, markError } from './customer-groups-error.js'

const marker: unique symbol = Symbol.for('customer-groups.error.GroupChangedError')

/** One field of a group that is not what the caller last read. */
export interface GroupChange {
  /** `name`, `description` or `updatedAt`. */
  field: string
  /** What the caller read. */
  expected: unknown
  /** What the provider holds now. */
  found: unknown
}

/**
 * The group changed after the caller read it: an update that sends the whole
 * group would have overwritten that change, so nothing was sent. Read the
 * group again and decide. Its `outcome` is `failed`: the write did not happen.
 */
export class GroupChangedError extends CustomerGroupsError {
  override readonly name: string = 'GroupChangedError'
  readonly provider: string
  readonly id: string
  /** What differs, field by field. */
  readonly changes: readonly GroupChange[]

  constructor(provider: string, id: string, changes: readonly GroupChange[]) {
    const fields = changes.map((change) => change.field).join(', ')
    super(
      `${provider} group ${id.slice(0, 100)} changed since it was read (${fields}); it was not overwritten`,
    )
    this.provider = provider
    this.id = id
    this.changes = changes
    markError(this, marker)
  }

  static override isInstance(value: unknown): value is GroupChangedError {
    return hasErrorMarker(value, marker)
  }
}
