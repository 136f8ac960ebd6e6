import {
  type CustomerGroupProvider,
  callOptionsOf,
  GroupChangedError,
  type NormalizedCustomerGroup,
  type NormalizedField,
  type ProviderGroupRequest,
  type ProviderUpdateRequest,
} from '@customer-groups/runtime'
import { changesSince } from './group-changes.js'

export interface UpdateBasis {
  /**
   * The group as you read it. Where the provider's update replaces the whole
   * group, the fields you leave out are sent with their value here, and the
   * group is not read again.
   */
  current?: NormalizedCustomerGroup | undefined
  /**
   * The group as you read it, to be checked: it is read again before the
   * write, and if it changed since (`updatedAt`, name or description),
   * nothing is sent and `GroupChangedError` is thrown. The fields you leave
   * out take the value read now. Costs one read.
   */
  expected?: NormalizedCustomerGroup | undefined
}

/** The normalized fields the provider stores that the request leaves out. */
export function fieldsLeftOut(
  provider: CustomerGroupProvider,
  request: { readonly [Field in NormalizedField]?: unknown },
): NormalizedField[] {
  return provider.capabilities.fields.filter((field) => request[field] === undefined)
}

/** Whether the provider's update replaces the whole group and the group can be read to keep what is left out. */
export function replacesAndCanRead(provider: CustomerGroupProvider): boolean {
  return (
    provider.capabilities.operations.update?.mode === 'replace' &&
    provider.capabilities.operations.get !== undefined &&
    typeof provider.doGetCustomerGroup === 'function'
  )
}

/**
 * The update to send. On a provider whose update replaces the whole group
 * (`capabilities.operations.update.mode === 'replace'`, a PUT), a field left
 * out would be cleared: it is sent with its current value instead, from
 * `basis.current` or from one read of the group. With `basis.expected` the
 * group is read and compared first, whatever the mode.
 */
export async function completeUpdate(
  provider: CustomerGroupProvider,
  request: ProviderUpdateRequest,
  basis: UpdateBasis,
): Promise<ProviderUpdateRequest> {
  const missing = replacesAndCanRead(provider) ? fieldsLeftOut(provider, request) : []
  if (missing.length === 0 && basis.expected === undefined) return request
  const group =
    basis.expected === undefined && basis.current !== undefined
      ? basis.current
      : await read(provider, request)
  if (basis.expected !== undefined) {
    const changes = changesSince(basis.expected, group)
    if (changes.length > 0) throw new GroupChangedError(provider.providerId, request.id, changes)
  }
  const completed: ProviderUpdateRequest = { ...request }
  for (const field of missing) {
    const value = group[field]
    // A null left out stays left out: the replacement clears it, which is what it holds.
    if (value !== null && value !== undefined) completed[field] = value
  }
  return completed
}

async function read(
  provider: CustomerGroupProvider,
  request: ProviderUpdateRequest,
): Promise<NormalizedCustomerGroup> {
  const get: ProviderGroupRequest = { id: request.id, options: {}, ...callOptionsOf(request) }
  const result = await (
    provider.doGetCustomerGroup as NonNullable<CustomerGroupProvider['doGetCustomerGroup']>
  )(get)
  return result.group
}
