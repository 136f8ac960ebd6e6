export type {
  CustomerGroupProvider,
  NormalizedCustomerGroup,
  OperationName,
  ProviderCapabilities,
  ProviderWarning,
  ResponseMetadata,
} from '@customer-groups/runtime'
export * from '@customer-groups/runtime/errors'
export {
  type ApplyCounts,
  type ApplyCustomerGroupPlanOptions,
  applyCustomerGroupPlan,
  type CustomerGroupPlanResult,
  type SharedLimit,
} from './apply-customer-group-plan.js'
export { describeProvider } from './check-request.js'
export {
  type ActionResult,
  type CustomerGroupPlan,
  type DesiredCustomerGroup,
  type FieldChange,
  isWriteAction,
  type PlannedAction,
  type PlannedRequest,
  type ProviderOfTarget,
  type SyncProviderOptions,
  type SyncTarget,
  type SyncTargetInput,
  type TargetPlan,
  type WriteAction,
} from './customer-group-plan.js'
export { type NameMatching, nameKey, nameMatchings, nearNameKey } from './name-matching.js'
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
export { type PlanCustomerGroupsOptions, planCustomerGroups } from './plan-customer-groups.js'
export type { PlanJournal } from './plan-journal.js'
export {
  type SyncCustomerGroupsOptions,
  type SyncCustomerGroupsResult,
  syncCustomerGroups,
} from './sync-customer-groups.js'
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
