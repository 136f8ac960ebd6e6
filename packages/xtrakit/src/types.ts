import type { components, operations } from './generated/schema.js'

/** A customer group as Xtrakit returns it. */
export type CustomerGroup = components['schemas']['CustomerGroup']
/** The body of an edit: `group_name` is required on every call. */
export type UpdateCustomerGroupInput = components['schemas']['UpdateCustomerGroupRequest']
/** The success envelope: `{ status, message, data: { group } }`. */
export type UpdateCustomerGroupResponse = components['schemas']['UpdateCustomerGroupResponse']
/** Xtrakit's error envelope: `{ status, error }`. */
export type XtrakitErrorResponse = components['schemas']['ErrorResponse']
export type UpdateCustomerGroupOperation = operations['updateCustomerGroup']
