import { defineOperation } from '@customer-groups/runtime'
import { listCustomerGroups as facts } from './generated/operations.js'
import type { ListCustomerGroupsQuery, ListCustomerGroupsResponse } from './types.js'

/** `GET /customer-groups`: the account's groups, optionally filtered by business code and dates. */
export const listCustomerGroups = /* @__PURE__ */ defineOperation<
  ListCustomerGroupsQuery | undefined,
  ListCustomerGroupsResponse
>({
  facts,
})
