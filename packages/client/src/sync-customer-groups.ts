import {
  type ApplyCustomerGroupPlanOptions,
  applyCustomerGroupPlan,
  type CustomerGroupPlanResult,
} from './apply-customer-group-plan.js'
import type { CustomerGroupPlan, ProviderOfTarget, SyncTargetInput } from './customer-group-plan.js'
import { type PlanCustomerGroupsOptions, planCustomerGroups } from './plan-customer-groups.js'

export interface SyncCustomerGroupsOptions<Targets extends readonly SyncTargetInput[]>
  extends PlanCustomerGroupsOptions<Targets>,
    Omit<ApplyCustomerGroupPlanOptions, keyof PlanCustomerGroupsOptions<Targets>> {}

export interface SyncCustomerGroupsResult<Provider> extends CustomerGroupPlanResult<Provider> {
  /** What was planned, before anything was sent. */
  plan: CustomerGroupPlan<Provider>
}

/**
 * `planCustomerGroups` then `applyCustomerGroupPlan`: makes every target
 * match the desired groups, sending only what differs, so a second run right
 * after sends nothing but the list calls. It does not list the targets a
 * second time before writing (`recheck: false`, as the plan is fresh); a
 * delete still reads its group right before it is sent. Bad input throws before anything
 * is sent, as in `planCustomerGroups`; after that it never rejects.
 */
export async function syncCustomerGroups<const Targets extends readonly SyncTargetInput[]>(
  options: SyncCustomerGroupsOptions<Targets>,
): Promise<SyncCustomerGroupsResult<ProviderOfTarget<Targets[number]>>> {
  const plan = await planCustomerGroups(options)
  // Planned a moment ago: listing every target again would find what the plan just found.
  const result = await applyCustomerGroupPlan(plan, { ...options, recheck: options.recheck ?? false })
  return { plan, ...result }
}
