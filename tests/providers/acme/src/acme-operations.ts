import type { NormalizedShape } from '@customer-groups/runtime'
import { listCustomerGroups } from './list-customer-groups.js'
import type { GroupAnswer, GroupList } from './types.js'
import { updateCustomerGroup } from './update-customer-group.js'

/** Every operation of Acme's spec, by operationId: each one is a method of the client. */
export const acmeOperations = { listCustomerGroups, updateCustomerGroup }

/** The facade's list and update are Acme's; `get` reads the list; it cannot create or delete. */
export const acmeFacade = {
  fields: { name: 'title', description: 'note' },
  operations: {
    list: { operation: listCustomerGroups, groups: (data: unknown) => (data as GroupList).groups },
    update: { operation: updateCustomerGroup, group: (data: unknown) => (data as GroupAnswer).group },
  },
} as const satisfies Omit<NormalizedShape, 'normalizeGroup'>
