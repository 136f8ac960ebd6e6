import type { components, operations } from './generated/schema.js'

/** A customer group as Shoptet returns it. */
export type CustomerGroup = components['schemas']['CustomerGroup']
/** Shoptet's error envelope: `{ data: null, errors: [{ errorCode, message, instance }] }`. */
export type ShoptetErrorResponse = components['schemas']['ErrorResponse']
/** One entry of `errors[]`. */
export type ShoptetApiError = components['schemas']['ApiError']
/** Every group of the shop, plus non-fatal `errors`: what list, create and update answer with. */
export type CustomerGroupListResponse = components['schemas']['CustomerGroupListResponse']

export type ListCustomerGroupsResponse = CustomerGroupListResponse

/** The fields of a new group: `name` is required; the client wraps them in `{ data }` for you. */
export type CreateCustomerGroupInput = components['schemas']['CreateCustomerGroupFields']
export type CreateCustomerGroupResponse = CustomerGroupListResponse

/** The fields to change (at least one); the client wraps them in `{ data }` for you. */
export type UpdateCustomerGroupInput = components['schemas']['UpdateCustomerGroupFields']
/** The update's query parameters: `language`, for shops with the Foreign Languages module. */
export type UpdateCustomerGroupQuery = NonNullable<operations['updateCustomerGroup']['parameters']['query']>
/** Everything `updateCustomerGroup` is called with, in one object: `id`, `language` and the fields. */
export type UpdateCustomerGroupParams = operations['updateCustomerGroup']['parameters']['path'] &
  UpdateCustomerGroupQuery &
  UpdateCustomerGroupInput
/** The request body as sent: `{ data: UpdateCustomerGroupInput }`. */
export type UpdateCustomerGroupRequest = components['schemas']['UpdateCustomerGroupRequest']
export type UpdateCustomerGroupResponse = CustomerGroupListResponse

export type DeleteCustomerGroupParams = operations['deleteCustomerGroup']['parameters']['path']
/** `{ data: null or {}, errors }`. */
export type DeleteCustomerGroupResponse = components['schemas']['DeleteCustomerGroupResponse']
