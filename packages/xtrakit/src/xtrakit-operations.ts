import type { NormalizedShape } from '@customer-groups/runtime'
import { createCustomerGroup } from './create-customer-group.js'
import { getCustomerGroup } from './get-customer-group.js'
import { listCustomerGroups } from './list-customer-groups.js'
import type { CustomerGroupResponse, ListCustomerGroupsResponse } from './types.js'
import { updateCustomerGroup } from './update-customer-group.js'

/**
 * Every operation of Xtrakit's spec, by operationId: each one is a method of
 * the client, typed from its operation. Adding an operation is one line here.
 */
export const xtrakitOperations = {
  listCustomerGroups,
  getCustomerGroup,
  createCustomerGroup,
  updateCustomerGroup,
}

const groupOf = (data: unknown) => (data as CustomerGroupResponse).data.group

/** Which of Xtrakit's operations the facade's operations use, and where each answer holds its groups. */
export const xtrakitFacade = {
  fields: { name: 'group_name', description: 'group_description' },
  operations: {
    list: {
      operation: listCustomerGroups,
      // The spec allows one group object where a list is expected (see specs/README.md).
      groups: (data: unknown) => {
        const { groups } = (data as ListCustomerGroupsResponse).data
        return Array.isArray(groups) ? groups : [groups]
      },
    },
    get: { operation: getCustomerGroup, group: groupOf },
    create: { operation: createCustomerGroup, group: groupOf },
    update: { operation: updateCustomerGroup, group: groupOf },
  },
} as const satisfies Omit<NormalizedShape, 'normalizeGroup'>
