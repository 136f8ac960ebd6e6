export type { APIPromise, CallOptions, ResponseMetadata } from '@customer-groups/runtime'
export * from '@customer-groups/runtime/errors'
export { createCustomerGroup } from './create-customer-group.js'
export { createShoptet, type ShoptetClient, shoptet } from './create-shoptet.js'
export { deleteCustomerGroup } from './delete-customer-group.js'
export { shoptetEntry } from './entry.js'
export type { components, operations, paths } from './generated/schema.js'
export { specInfo } from './generated/spec-info.js'
export { listCustomerGroups } from './list-customer-groups.js'
export {
  inspectShoptetResponse,
  parseBucketFilling,
  type RateLimitBucket,
  type ShoptetResponseFacts,
} from './rate-limit.js'
export { createShoptetTransport, type ShoptetSettings } from './shoptet-transport.js'
export type { ShoptetTypes } from './shoptet-types.js'
export type * from './types.js'
export { updateCustomerGroup } from './update-customer-group.js'
