import type { components, operations } from './generated/schema.js'

/** A customer group as Shoptet returns it. */
export type CustomerGroup = components['schemas']['CustomerGroup']
/** The fields to change; the client wraps them in `{ data }` for you. */
export type UpdateCustomerGroupInput = components['schemas']['UpdateCustomerGroupFields']
/** The request body as sent: `{ data: UpdateCustomerGroupInput }`. */
export type UpdateCustomerGroupRequest = components['schemas']['UpdateCustomerGroupRequest']
/** The success envelope: every group of the shop, plus non-fatal `errors`. */
export type UpdateCustomerGroupResponse = components['schemas']['UpdateCustomerGroupResponse']
/** Shoptet's error envelope: `{ data: null, errors: [{ errorCode, message, instance }] }`. */
export type ShoptetErrorResponse = components['schemas']['ErrorResponse']
/** One entry of `errors[]`. */
export type ShoptetApiError = components['schemas']['ApiError']
export type UpdateCustomerGroupOperation = operations['updateCustomerGroup']
