export type {
  CustomerGroupProvider,
  NormalizedCustomerGroup,
  OperationName,
  ProviderCapabilities,
  ProviderWarning,
  ResponseMetadata,
} from '@customer-groups/runtime'
export * from '@customer-groups/runtime/errors'
export { describeProvider } from './check-request.js'
export {
  type CreateCustomerGroupOptions,
  checkCustomerGroupRequest,
  checkCustomerGroupUpdate,
  createCustomerGroup,
  type DeleteCustomerGroupOptions,
  deleteCustomerGroup,
  type FindCustomerGroupOptions,
  findCustomerGroup,
  type GetCustomerGroupOptions,
  getCustomerGroup,
  type ListCustomerGroupsOptions,
  listCustomerGroups,
  type UpdateCustomerGroupOptions,
  updateCustomerGroup,
} from './operations.js'
export type {
  AnyProvider,
  DeleteResult,
  FacadeCall,
  GroupResult,
  ListResult,
  ProviderOptions,
  ProviderOptionsFor,
  TypesOf,
  UpdateCustomerGroupResult,
} from './types.js'
export {
  type EverywhereProviderOptions,
  type EverywhereResult,
  type UpdateCustomerGroupEverywhereOptions,
  type UpdateTarget,
  updateCustomerGroupEverywhere,
} from './update-customer-group-everywhere.js'
