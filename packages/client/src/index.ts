export type {
  CustomerGroupProvider,
  DescribedProvider,
  NormalizedCustomerGroup,
  OperationName,
  ProviderCapabilities,
  ProviderInstance,
  ProviderWarning,
  ResponseMetadata,
} from '@customer-groups/runtime'
export * from '@customer-groups/runtime/errors'
export {
  type ApplyCounts,
  type ApplyCustomerGroupPlanOptions,
  applyCustomerGroupPlan,
  type CustomerGroupPlanResult,
} from './apply-customer-group-plan.js'
export { describeProvider } from './check-request.js'
export type { UpdateBasis } from './complete-update.js'
export type { CreateSettings, Reconciliation } from './create-reconciled.js'
export {
  type ActionResult,
  type CustomerGroupPlan,
  type DesiredCustomerGroup,
  type FieldChange,
  isWriteAction,
  type NotRunReason,
  type PlannedAction,
  type PlannedRequest,
  type ProviderOfTarget,
  type Staleness,
  type SyncProviderOptions,
  type SyncTarget,
  type SyncTargetInput,
  type TargetPlan,
  type WriteAction,
} from './customer-group-plan.js'
export {
  type ExecuteWritesOptions,
  type ExecuteWritesResult,
  executeWrites,
  type WriteItem,
  type WriteLane,
  type WriteResult,
} from './execute-writes.js'
export {
  type LoadCustomerGroupPlanOptions,
  loadCustomerGroupPlan,
} from './load-customer-group-plan.js'
export { type NameMatching, nameKey, nameMatchings, nearNameKey } from './name-matching.js'
export {
  type CreateCustomerGroupOptions,
  type CreateCustomerGroupResult,
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
export {
  customerGroupPlanFormat,
  customerGroupPlanVersion,
  type ParseCustomerGroupPlanOptions,
  parseCustomerGroupPlan,
  type SavedAction,
  type SavedGroupState,
  type SavedTarget,
  type SerializedCustomerGroupPlan,
} from './parse-customer-group-plan.js'
export { type PlanCustomerGroupsOptions, planCustomerGroups, type TargetRef } from './plan-customer-groups.js'
export type { PlanJournal, PreviousOutcome } from './plan-journal.js'
export { capabilitiesOf } from './provider-of.js'
export { RequestLimiter, type SharedLimit } from './request-limiter.js'
export { type GroupSource, listedGroups, type PlannedWrite, type SentWrite, sendWrite } from './send-write.js'
export { serializeCustomerGroupPlan } from './serialize-customer-group-plan.js'
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
