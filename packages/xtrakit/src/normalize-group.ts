import { type NormalizedCustomerGroup, setDataField } from '@customer-groups/runtime'
import type { CustomerGroup } from './types.js'
import type { XtrakitTypes } from './xtrakit-types.js'

/** An Xtrakit group in the normalized shape; its other fields go to `providerMetadata.xtrakit`. */
export function normalizeXtrakitGroup(raw: unknown): NormalizedCustomerGroup<XtrakitTypes> | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined
  // The response schema was checked: id and group_name are there and typed.
  const { id, group_name, group_description, created_at, updated_at } = raw as CustomerGroup
  const group: NormalizedCustomerGroup<XtrakitTypes> = {
    id: String(id),
    name: group_name,
    description: group_description ?? null,
    provider: 'xtrakit',
  }
  if (created_at !== undefined) group.createdAt = created_at
  if (updated_at !== undefined) group.updatedAt = updated_at
  // Every other field, known or not, goes to the metadata as it came. A loop rather than `...rest`,
  // whose copy leaving some names out is several times slower over a list of thousands of groups.
  let xtrakitOnly: Record<string, unknown> | undefined
  for (const key in raw) {
    if (isNormalized(key)) continue
    xtrakitOnly ??= {}
    setDataField(xtrakitOnly, key, (raw as Record<string, unknown>)[key])
  }
  if (xtrakitOnly !== undefined) group.providerMetadata = { xtrakit: xtrakitOnly as XtrakitTypes['metadata'] }
  return group
}

/** The fields the normalized group takes over (TypeScript checks each name against the spec's group). */
function isNormalized(key: string): boolean {
  switch (key as keyof CustomerGroup) {
    case 'id':
    case 'group_name':
    case 'group_description':
    case 'created_at':
    case 'updated_at':
      return true
    default:
      return false
  }
}
