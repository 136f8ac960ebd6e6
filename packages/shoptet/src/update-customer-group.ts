import { defineOperation } from '@customer-groups/runtime'
import { updateCustomerGroup as facts } from './generated/operations.js'
import type { UpdateCustomerGroupParams, UpdateCustomerGroupResponse } from './types.js'

/** `PATCH /api/customers/groups/{id}`: changes the fields given; the body travels in Shoptet's `data` envelope. */
export const updateCustomerGroup = /* @__PURE__ */ defineOperation<
  UpdateCustomerGroupParams,
  UpdateCustomerGroupResponse
>({
  facts,
  bodyEnvelope: 'data',
})
