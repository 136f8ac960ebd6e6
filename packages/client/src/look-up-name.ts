import type {
  CallOptions,
  CustomerGroupProvider,
  NormalizedCustomerGroup,
  ProviderListResult,
} from '@customer-groups/runtime'

/** The groups of a provider's list with exactly this name, and the list's answer. */
export async function lookUpName(
  provider: CustomerGroupProvider,
  name: string,
  call: CallOptions,
): Promise<{ matches: NormalizedCustomerGroup[]; list: ProviderListResult<never> }> {
  const list = (await provider.doListCustomerGroups?.({ options: {}, ...call })) as ProviderListResult<never>
  return { matches: list.groups.filter((group) => group.name === name), list }
}

/** Whether a provider can list its groups, so a name can be looked up. */
export function canLookUp(provider: CustomerGroupProvider): boolean {
  return (
    provider.capabilities.operations.list !== undefined && typeof provider.doListCustomerGroups === 'function'
  )
}
