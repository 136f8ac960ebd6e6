import type { NormalizedCustomerGroup } from '@customer-groups/runtime'
import type { AcmeTypes } from './acme-types.js'
import type { Group } from './types.js'

/** An Acme group in the normalized shape; its ids are strings already. */
export function normalizeAcmeGroup(raw: unknown): NormalizedCustomerGroup<AcmeTypes> | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined
  // The response schema was checked: id, title and note are there and typed.
  const { id, title, note, ...rest } = raw as Group
  const group: NormalizedCustomerGroup<AcmeTypes> = { id, name: title, description: note, provider: 'acme' }
  if (Object.keys(rest).length > 0) group.providerMetadata = { acme: rest }
  return group
}
