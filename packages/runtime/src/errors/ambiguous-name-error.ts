import { CustomerGroupsError, hasErrorMarker, markError, type WriteOutcome } from './customer-groups-error.js'

const marker: unique symbol = Symbol.for('customer-groups.error.AmbiguousNameError')

/** Several groups of one account have the name asked for: which one was meant cannot be told. */
export class AmbiguousNameError extends CustomerGroupsError {
  override readonly name: string = 'AmbiguousNameError'
  readonly provider: string
  readonly groupName: string
  /** The ids of every group with that name. */
  readonly ids: readonly string[]

  constructor(
    provider: string,
    groupName: string,
    ids: readonly string[],
    /** `unknown` when a create of the name may be among them. */
    options?: { outcome?: WriteOutcome | undefined },
  ) {
    super(
      `${provider} has ${ids.length} groups named ${JSON.stringify(groupName.slice(0, 200))} (ids ${ids.slice(0, 10).join(', ')}); use the id to say which`,
      options,
    )
    this.provider = provider
    this.groupName = groupName
    this.ids = ids
    markError(this, marker)
  }

  static override isInstance(value: unknown): value is AmbiguousNameError {
    return hasErrorMarker(value, marker)
  }
}
