import { defineOperation } from '@customer-groups/runtime'
import { deleteCustomerGroup as facts } from './generated/operations.js'
import type { DeleteCustomerGroupParams, DeleteCustomerGroupResponse } from './types.js'

/**
 * `DELETE /api/customers/groups/{id}`: its customers move to the default
 * group. The default group itself cannot be deleted (422 `customer-group-delete-blocked`).
 */
export const deleteCustomerGroup = /* @__PURE__ */ defineOperation<
  DeleteCustomerGroupParams,
  DeleteCustomerGroupResponse
>({
  facts,
})
