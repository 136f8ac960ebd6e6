import type { CallOptions, NormalizedCustomerGroup, ProviderListResult } from '@customer-groups/runtime'
import type { AnyProvider } from './types.js'

/** The groups of a provider's list with exactly this name, and the list's answer. */
export async function lookUpName(
  provider: AnyProvider,
  name: string,
  call: CallOptions,
): Promise<{ matches: NormalizedCustomerGroup[]; list: ProviderListResult<never> }> {
  const list = (await provider.doListCustomerGroups?.({ options: {}, ...call })) as ProviderListResult<never>
  return { matches: list.groups.filter((group) => group.name === name), list }
}

/** Whether a provider can list its groups, so a name can be looked up. */
export function canLookUp(provider: AnyProvider): boolean {
  return (
    provider.capabilities.operations.list !== undefined && typeof provider.doListCustomerGroups === 'function'
  )
}
