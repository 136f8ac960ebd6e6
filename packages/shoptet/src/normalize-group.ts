import { type NormalizedCustomerGroup, setDataField } from '@customer-groups/runtime'
import { isCustomerGroupField } from './generated/fields.js'
import type { ShoptetTypes } from './shoptet-types.js'
import type { CustomerGroup } from './types.js'

/** A Shoptet group in the normalized shape; every other field goes to `providerMetadata.shoptet`. */
export function normalizeShoptetGroup(raw: unknown): NormalizedCustomerGroup<ShoptetTypes> | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined
  // The response schema was checked: the fields are there and typed.
  const group = raw as CustomerGroup
  // One object literal of the spec's fields, which TypeScript holds to the generated type: a list holds
  // thousands of groups, and a literal is built at once where a loop adds its fields one by one.
  const shoptetOnly: ShoptetTypes['metadata'] = {
    customerGroupCode: group.customerGroupCode,
    defaultPricelistId: group.defaultPricelistId,
    maxDiscount: group.maxDiscount,
    priority: group.priority,
    emailNotification: group.emailNotification,
    authRequired: group.authRequired,
    registrationAllowed: group.registrationAllowed,
    wholesale: group.wholesale,
    tableLayout: group.tableLayout,
    fullProfileRequired: group.fullProfileRequired,
  }
  // Optional in the spec: present only when the answer has them.
  if (group.defaultDueDays !== undefined) shoptetOnly.defaultDueDays = group.defaultDueDays
  if (group.defaultOrderStatusId !== undefined) shoptetOnly.defaultOrderStatusId = group.defaultOrderStatusId
  // A field the spec does not name (one Shoptet added since) is passed on as it came.
  for (const key in group) {
    if (!isCustomerGroupField(key)) setDataField(shoptetOnly, key, group[key as keyof CustomerGroup])
  }
  return {
    id: String(group.id),
    name: group.name,
    description: group.description,
    provider: 'shoptet',
    providerMetadata: { shoptet: shoptetOnly },
  }
}
