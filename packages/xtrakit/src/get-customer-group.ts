import { defineOperation } from '@customer-groups/runtime'
import { getCustomerGroup as facts } from './generated/operations.js'
import type { GetCustomerGroupParams, GetCustomerGroupResponse } from './types.js'

/** `GET /customer-groups/{id}`: one group. */
export const getCustomerGroup = /* @__PURE__ */ defineOperation<
  GetCustomerGroupParams,
  GetCustomerGroupResponse
>({ facts })
