import { CustomerGroupsError, hasErrorMarker, markError } from './customer-groups-error.js'

const marker: unique symbol = Symbol.for('customer-groups.error.RenameConflictError')

/** A group found on the target under a name: its id and that name. */
export interface RenameCandidate {
  id: string
  name: string
}

/**
 * A desired group's `renamedFrom` cannot be followed on a target: two groups
 * carry its old names (`several-old`), or groups carry both an old name and
 * the new one (`clash`). Which group to keep cannot be told, so the target is
 * not planned; rename or merge the groups there by hand, or change the file.
 */
export class RenameConflictError extends CustomerGroupsError {
  override readonly name: string = 'RenameConflictError'
  readonly provider: string
  /** The desired (new) name. */
  readonly groupName: string
  readonly reason: 'several-old' | 'clash'
  /** Every group involved: those under old names, and under the new one for a clash. */
  readonly groups: readonly RenameCandidate[]

  constructor(
    provider: string,
    groupName: string,
    reason: 'several-old' | 'clash',
    groups: readonly RenameCandidate[],
  ) {
    const listed = groups
      .slice(0, 10)
      .map((group) => `${JSON.stringify(group.name.slice(0, 100))} (id ${group.id.slice(0, 50)})`)
      .join(', ')
    const what =
      reason === 'clash'
        ? 'has groups under both its new name and an old name of renamedFrom'
        : 'has several groups under the old names of renamedFrom'
    super(
      `${provider} ${what} of ${JSON.stringify(groupName.slice(0, 200))}: ${listed}; rename or merge them there first, or change renamedFrom`,
    )
    this.provider = provider
    this.groupName = groupName
    this.reason = reason
    this.groups = groups
    markError(this, marker)
  }

  static override isInstance(value: unknown): value is RenameConflictError {
    return hasErrorMarker(value, marker)
  }
}
