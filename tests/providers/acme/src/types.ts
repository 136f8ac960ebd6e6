import type { components, operations } from './generated/schema.js'

/** A group as Acme answers it. */
export type Group = components['schemas']['Group']
/** `{ groups }`. */
export type GroupList = components['schemas']['GroupList']
/** `{ group }`: what a change answers. */
export type GroupAnswer = components['schemas']['GroupAnswer']
/** The path's `id` and the fields to change, in one object. */
export type UpdateCustomerGroupParams = operations['updateCustomerGroup']['parameters']['path'] &
  components['schemas']['GroupChanges']
