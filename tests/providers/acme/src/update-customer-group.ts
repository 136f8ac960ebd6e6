import { defineOperation } from '@customer-groups/runtime'
import { updateCustomerGroup as facts } from './generated/operations.js'
import type { GroupAnswer, UpdateCustomerGroupParams } from './types.js'

/** `PATCH /groups/{id}`: changes the fields given. */
export const updateCustomerGroup = /* @__PURE__ */ defineOperation<UpdateCustomerGroupParams, GroupAnswer>({
  facts,
})
