import type { NormalizedCustomerGroup } from '@customer-groups/runtime'
import type { CustomerGroup } from './types.js'
import type { XtrakitTypes } from './xtrakit-types.js'

/** An Xtrakit group in the normalized shape; its other fields go to `providerMetadata.xtrakit`. */
export function normalizeXtrakitGroup(raw: unknown): NormalizedCustomerGroup<XtrakitTypes> | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined
  // The response schema was checked: id and group_name are there and typed.
  const { id, group_name, group_description, created_at, updated_at, ...rest } = raw as CustomerGroup
  const group: NormalizedCustomerGroup<XtrakitTypes> = {
    id: String(id),
    name: group_name,
    description: group_description ?? null,
    provider: 'xtrakit',
  }
  if (created_at !== undefined) group.createdAt = created_at
  if (updated_at !== undefined) group.updatedAt = updated_at
  if (Object.keys(rest).length > 0) group.providerMetadata = { xtrakit: rest }
  return group
}
