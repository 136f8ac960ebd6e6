import { InvalidArgumentError, type NormalizedCustomerGroup } from '@customer-groups/runtime'
import type { CustomerGroupPlan, PlannedAction, TargetPlan } from './customer-group-plan.js'
import {
  customerGroupPlanFormat,
  customerGroupPlanVersion,
  parseCustomerGroupPlan,
  type SavedAction,
  type SavedGroupState,
  type SavedTarget,
  type SerializedCustomerGroupPlan,
} from './parse-customer-group-plan.js'

/**
 * A plan as JSON to save, review and apply later with `loadCustomerGroupPlan`:
 * `format` and `version`; per target its provider, account and the shop's
 * fingerprint (never a credential, a URL or a header); per action what it
 * sends and the group it found, enough to tell later whether that group
 * changed. What it writes is read back with `parseCustomerGroupPlan` before
 * it is returned, so a saved plan always loads. Throws `InvalidArgumentError`
 * for a target that planned but cannot tell its shop (a provider without
 * `shopFingerprint`): such a plan could not be checked against the shop later.
 */
export function serializeCustomerGroupPlan(
  plan: CustomerGroupPlan<unknown>,
  options: { createdAt?: Date } = {},
): string {
  const unidentified = plan.targets.filter((target) => target.ok && target.shop === undefined)
  if (unidentified.length > 0)
    throw new InvalidArgumentError(
      'serializeCustomerGroupPlan',
      unidentified.map((target) => ({
        field: `targets[${target.index}].shop`,
        code: 'required',
        message: `${target.providerId} cannot tell which shop it reaches (no shopFingerprint): a saved plan could not be checked against it`,
      })),
    )
  const document: SerializedCustomerGroupPlan = {
    format: customerGroupPlanFormat,
    version: customerGroupPlanVersion,
    createdAt: (options.createdAt ?? new Date()).toISOString(),
    prune: plan.prune,
    matchNames: plan.matchNames,
    targets: plan.targets.map((target) => savedTarget(target as TargetPlan)),
  }
  parseCustomerGroupPlan(document)
  return `${JSON.stringify(document, null, 2)}\n`
}

function savedTarget(target: TargetPlan): SavedTarget {
  return {
    provider: target.providerId,
    ...(target.account !== undefined && { account: target.account }),
    shop: target.shop ?? null,
    ok: target.ok,
    ...(!target.ok && { error: { name: target.error.name, message: target.error.message } }),
    warnings: target.warnings,
    actions: target.actions.map(savedAction),
  }
}

function savedAction(action: PlannedAction): SavedAction {
  return {
    type: action.type,
    name: action.name,
    ...('id' in action && { id: action.id }),
    ...(action.current !== undefined && { found: savedGroup(action.current as NormalizedCustomerGroup) }),
    ...('request' in action && { request: action.request }),
    ...('changes' in action && { changes: action.changes }),
    warnings: action.warnings,
    ...(action.type === 'update' && action.renamedFrom !== undefined && { renamedFrom: action.renamedFrom }),
    ...(action.type === 'delete' && action.nearMatch !== undefined && { nearMatch: action.nearMatch }),
  }
}

/** What tells later whether the group changed: its id, name, description, version and provider fields. */
function savedGroup(group: NormalizedCustomerGroup): SavedGroupState {
  return {
    id: group.id,
    name: group.name,
    description: group.description,
    ...(group.updatedAt !== undefined && { updatedAt: group.updatedAt }),
    ...(group.providerMetadata !== undefined && {
      providerMetadata: group.providerMetadata as Record<string, Record<string, unknown>>,
    }),
  }
}
