import type { NormalizedCustomerGroup } from '@customer-groups/runtime'
import type { ShoptetTypes } from './shoptet-types.js'
import type { CustomerGroup } from './types.js'

/** A Shoptet group in the normalized shape; every other field goes to `providerMetadata.shoptet`. */
export function normalizeShoptetGroup(raw: unknown): NormalizedCustomerGroup<ShoptetTypes> | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined
  // The response schema was checked: the fields are there and typed.
  const group = raw as CustomerGroup
  // A loop rather than `...rest`: a list holds thousands of groups, and this is faster.
  const shoptetOnly: Record<string, unknown> = {}
  for (const key in group) {
    if (key !== 'id' && key !== 'name' && key !== 'description')
      shoptetOnly[key] = group[key as keyof CustomerGroup]
  }
  return {
    id: String(group.id),
    name: group.name,
    description: group.description,
    provider: 'shoptet',
    providerMetadata: { shoptet: shoptetOnly as ShoptetTypes['metadata'] },
  }
}
