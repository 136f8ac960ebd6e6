import { defineOperation } from '@customer-groups/runtime'
import { createCustomerGroup as facts } from './generated/operations.js'
import type { CreateCustomerGroupInput, CreateCustomerGroupResponse } from './types.js'

/** `POST /customer-groups/add`: adds a group; the name is required. */
export const createCustomerGroup = /* @__PURE__ */ defineOperation<
  CreateCustomerGroupInput,
  CreateCustomerGroupResponse
>({
  facts,
})
