import { defineOperation } from '@customer-groups/runtime'
import { updateCustomerGroup as facts } from './generated/operations.js'
import type { UpdateCustomerGroupParams, UpdateCustomerGroupResponse } from './types.js'

/** `PUT /customer-groups/{id}`: replaces the group's name and description; the name is always required. */
export const updateCustomerGroup = /* @__PURE__ */ defineOperation<
  UpdateCustomerGroupParams,
  UpdateCustomerGroupResponse
>({
  facts,
})
