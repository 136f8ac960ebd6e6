export type { CallOptions, ResponseMetadata } from '@customer-groups/runtime'
export * from '@customer-groups/runtime/errors'
export {
  createShoptet,
  type ShoptetCallOptions,
  type ShoptetProvider,
  type ShoptetSettings,
  shoptet,
  shoptetCapabilities,
} from './create-shoptet.js'
export type { components, operations, paths } from './generated/schema.js'
export { specInfo } from './generated/spec-info.js'
export { inspectShoptetResponse, parseBucketFilling, type RateLimitBucket } from './rate-limit.js'
export type * from './types.js'
