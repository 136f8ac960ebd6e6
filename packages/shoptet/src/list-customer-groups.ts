import { defineOperation } from '@customer-groups/runtime'
import { listCustomerGroups as facts } from './generated/operations.js'
import type { ListCustomerGroupsResponse } from './types.js'

/** `GET /api/customers/groups`: every group of the shop, ordered by priority, not paginated. */
export const listCustomerGroups = /* @__PURE__ */ defineOperation<undefined, ListCustomerGroupsResponse>({
  facts,
})
