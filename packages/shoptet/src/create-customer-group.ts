import { defineOperation } from '@customer-groups/runtime'
import { createCustomerGroup as facts } from './generated/operations.js'
import type { CreateCustomerGroupInput, CreateCustomerGroupResponse } from './types.js'

/** `POST /api/customers/groups`: creates a group (names are unique in a shop) and answers with every group. */
export const createCustomerGroup = /* @__PURE__ */ defineOperation<
  CreateCustomerGroupInput,
  CreateCustomerGroupResponse
>({
  facts,
  bodyEnvelope: 'data',
})
