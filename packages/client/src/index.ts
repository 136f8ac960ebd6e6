export type {
  CustomerGroupProvider,
  NormalizedCustomerGroup,
  ProviderCapabilities,
  ResponseMetadata,
  UpdateWarning,
} from '@customer-groups/runtime'
export * from '@customer-groups/runtime/errors'
export {
  type CustomerGroupChange,
  checkCustomerGroupUpdate,
  type ProviderOptions,
  type UpdateCustomerGroupOptions,
  type UpdateCustomerGroupResult,
  updateCustomerGroup,
} from './update-customer-group.js'
export {
  type EverywhereResult,
  type UpdateCustomerGroupEverywhereOptions,
  type UpdateTarget,
  updateCustomerGroupEverywhere,
} from './update-customer-group-everywhere.js'
