import { defineOperation } from '@customer-groups/runtime'
import { listCustomerGroups as facts } from './generated/operations.js'
import type { GroupList } from './types.js'

/** `GET /groups`: every group of the account. */
export const listCustomerGroups = /* @__PURE__ */ defineOperation<undefined, GroupList>({ facts })
