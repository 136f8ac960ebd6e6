import type { components, operations } from './generated/schema.js'

/** A customer group as Xtrakit returns it. */
export type CustomerGroup = components['schemas']['CustomerGroup']
/** The name and description of a group, as sent to add or edit it: `group_name` is always required. */
export type CustomerGroupInput = components['schemas']['CustomerGroupInput']
/** The envelope of an answer with one group: `{ status, message, data: { group } }`. */
export type CustomerGroupResponse = components['schemas']['CustomerGroupResponse']
/** Xtrakit's error envelope: `{ status, error }`. */
export type XtrakitErrorResponse = components['schemas']['ErrorResponse']

/** The list's filters: `business_code`, `created_at` (from), `updated_at` (to). */
export type ListCustomerGroupsQuery = NonNullable<operations['listCustomerGroups']['parameters']['query']>
/** `{ status, message, data: { groups } }`; `groups` is a list, or one group object (see specs/README.md). */
export type ListCustomerGroupsResponse = components['schemas']['CustomerGroupListResponse']

export type GetCustomerGroupParams = operations['getCustomerGroup']['parameters']['path']
export type GetCustomerGroupResponse = CustomerGroupResponse

export type CreateCustomerGroupInput = CustomerGroupInput
/** Xtrakit answers 200 or 201 with the group as stored. */
export type CreateCustomerGroupResponse = CustomerGroupResponse

/** The body of an edit: `group_name` is required on every call. */
export type UpdateCustomerGroupInput = CustomerGroupInput
/** Everything `updateCustomerGroup` is called with, in one object: the path's `id` and the body's fields. */
export type UpdateCustomerGroupParams = operations['updateCustomerGroup']['parameters']['path'] &
  UpdateCustomerGroupInput
export type UpdateCustomerGroupResponse = CustomerGroupResponse
