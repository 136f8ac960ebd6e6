import {
  type ArgumentIssue,
  canonicalJson,
  InvalidArgumentError,
  type NormalizedCustomerGroup,
  type OperationName,
} from '@customer-groups/runtime'
import { actionKey } from './action-key.js'
import type {
  CustomerGroupPlan,
  PlannedAction,
  ProviderOfTarget,
  SyncTargetInput,
  TargetPlan,
} from './customer-group-plan.js'
import { nearNameKey } from './name-matching.js'
import { checkCustomerGroupRequest } from './operations.js'
import {
  type ParseCustomerGroupPlanOptions,
  parseCustomerGroupPlan,
  type SavedAction,
  type SavedTarget,
  type SerializedCustomerGroupPlan,
} from './parse-customer-group-plan.js'
import { maxIssues } from './plan-checks.js'
import { readTargets, type Target } from './plan-customer-groups.js'
import { plannedChanges } from './planned-changes.js'

export interface LoadCustomerGroupPlanOptions<Targets extends readonly SyncTargetInput[]>
  extends ParseCustomerGroupPlanOptions {
  /**
   * Where to apply it: provider instances, or `{ provider, account }`, one per
   * target of the plan, matched by provider id and account name. Each must
   * reach the shop the plan was made for (its `shopFingerprint`).
   */
  targets: Targets
  /**
   * Apply only to the targets given: the plan's others are left out (default
   * false: a target of the plan without a given target is refused).
   */
  partial?: boolean | undefined
}

/**
 * A saved plan (`serializeCustomerGroupPlan`'s JSON, or its parsed value),
 * checked as `parseCustomerGroupPlan` does and bound to `targets`, ready for
 * `applyCustomerGroupPlan`, which applies exactly it and refuses what went
 * stale. Refused with `InvalidArgumentError`, before anything is sent: a plan
 * of another version; a target made for another shop (its fingerprint
 * differs: another credential or base URL); a target of the plan not given
 * (unless `partial`) or one given that the plan lacks; an action the
 * provider cannot send (an operation it lacks, a value its spec refuses,
 * options of another provider); `changes` or `nearMatch` that do not follow
 * from what the action sends and the group it found. Reads each target's
 * fingerprint, and sends nothing.
 */
export async function loadCustomerGroupPlan<const Targets extends readonly SyncTargetInput[]>(
  json: unknown,
  options: LoadCustomerGroupPlanOptions<Targets>,
): Promise<CustomerGroupPlan<ProviderOfTarget<Targets[number]>>> {
  const saved = parseCustomerGroupPlan(json, options)
  const issues: ArgumentIssue[] = []
  const given = readTargets(options.targets, issues)
  if (issues.length > 0) throw new InvalidArgumentError('loadCustomerGroupPlan', issues)
  const nameOf = (providerId: string, account: string | undefined) => `${providerId}\0${account ?? ''}`
  const byName = new Map(given.map((target) => [nameOf(target.providerId, target.account), target]))
  const chosen: { saved: SavedTarget; at: string; target: Target }[] = []
  saved.targets.forEach((target, index) => {
    const match = byName.get(nameOf(target.provider, target.account))
    byName.delete(nameOf(target.provider, target.account))
    if (match !== undefined) chosen.push({ saved: target, at: `targets[${index}]`, target: match })
    else if (options.partial !== true)
      issues.push({
        field: `targets[${index}]`,
        code: 'required',
        message: `the plan's ${describe(target.provider, target.account)} has no target given: pass it, or partial: true to leave it out`,
      })
  })
  for (const target of byName.values())
    issues.push({
      field: 'options.targets',
      code: 'conflict',
      message: `${describe(target.providerId, target.account)} is not a target of the plan`,
    })
  const fingerprints = await Promise.all(chosen.map(({ target }) => fingerprintOf(target)))
  chosen.forEach(({ saved: target, at, target: bound }, index) => {
    issues.push(...shopIssues(target, at, bound, fingerprints[index] as string | Error | undefined))
    issues.push(...targetIssues(target, at, bound))
  })
  if (issues.length > 0) throw new InvalidArgumentError('loadCustomerGroupPlan', issues.slice(0, maxIssues))
  return bind(saved, chosen) as CustomerGroupPlan<ProviderOfTarget<Targets[number]>>
}

const describe = (providerId: string, account: string | undefined) =>
  account === undefined ? `${providerId} (default account)` : `${providerId} account ${account}`

async function fingerprintOf(target: Target): Promise<string | Error | undefined> {
  const { shopFingerprint } = target.facade
  if (typeof shopFingerprint !== 'function') return undefined
  try {
    return await shopFingerprint.call(target.facade)
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error))
  }
}

function shopIssues(
  saved: SavedTarget,
  at: string,
  target: Target,
  fingerprint: string | Error | undefined,
): ArgumentIssue[] {
  const who = describe(target.providerId, target.account)
  if (saved.shop === null) return []
  if (fingerprint === undefined)
    return [
      {
        field: `${at}.shop`,
        code: 'unsupported-operation',
        message: `${who} cannot tell which shop it reaches (its provider has no shopFingerprint)`,
      },
    ]
  if (fingerprint instanceof Error)
    return [
      { field: `${at}.shop`, code: 'required', message: `${who}: ${fingerprint.message.slice(0, 300)}` },
    ]
  if (fingerprint === saved.shop) return []
  return [
    {
      field: `${at}.shop`,
      code: 'conflict',
      message: `the plan was made for another shop than ${who} reaches now (another credential or base URL): make a new plan for this shop`,
    },
  ]
}

const operationOf: Record<SavedAction['type'], OperationName | undefined> = {
  create: 'create',
  update: 'update',
  delete: 'delete',
  unchanged: undefined,
  extra: undefined,
}

/** What the target's provider would refuse of the plan's actions, and what does not follow from them. */
function targetIssues(saved: SavedTarget, at: string, target: Target): ArgumentIssue[] {
  const issues: ArgumentIssue[] = []
  const { provider, providerId } = target
  const near = nearMatches(saved)
  saved.actions.forEach((action, index) => {
    const where = `${at}.actions[${index}]`
    const metadataOf = action.found?.providerMetadata ?? {}
    for (const [field, record] of [
      ['request.providerOptions', action.request?.providerOptions ?? {}],
      ['found.providerMetadata', metadataOf],
    ] as const)
      for (const id of Object.keys(record))
        if (id !== providerId)
          issues.push({
            field: `${where}.${field}.${id.slice(0, 100)}`,
            code: 'conflict',
            message: `is not ${providerId}'s`,
          })
    const operation = operationOf[action.type]
    if (operation !== undefined)
      for (const issue of checkCustomerGroupRequest(operation, {
        provider,
        ...(action.id !== undefined && { id: action.id }),
        ...action.request,
      }))
        issues.push({
          ...issue,
          field: `${where}.${issue.field === 'provider' ? 'type' : `request.${issue.field}`}`,
        })
    if (action.type === 'create' || action.type === 'update') {
      const derived = plannedChanges(providerId, {
        type: action.type,
        request: action.request ?? {},
        current: currentOf(providerId, action),
      })
      if (canonicalJson(derived) !== canonicalJson(action.changes ?? []))
        issues.push({
          field: `${where}.changes`,
          code: 'conflict',
          message: 'do not follow from what the action sends and the group it found',
        })
    }
    if (action.type === 'delete' && action.nearMatch !== near.get(index))
      issues.push({
        field: `${where}.nearMatch`,
        code: 'conflict',
        message: 'does not follow from the names the plan wants',
      })
  })
  return issues
}

/** For each delete, the desired name its name nearly matches, as the plan would have found it. */
function nearMatches(saved: SavedTarget): Map<number, string> {
  const keys = new Map<string, string>()
  for (const action of saved.actions)
    if (action.type === 'create' || action.type === 'update' || action.type === 'unchanged')
      keys.set(nearNameKey(action.name), action.name)
  const near = new Map<number, string>()
  saved.actions.forEach((action, index) => {
    const name = action.type === 'delete' ? keys.get(nearNameKey(action.name)) : undefined
    if (name !== undefined) near.set(index, name)
  })
  return near
}

function currentOf(providerId: string, action: SavedAction): NormalizedCustomerGroup | undefined {
  const { found } = action
  if (found === undefined) return undefined
  return {
    id: found.id,
    name: found.name,
    description: found.description,
    ...(found.updatedAt !== undefined && { updatedAt: found.updatedAt }),
    provider: providerId,
    ...(found.providerMetadata !== undefined && { providerMetadata: found.providerMetadata }),
  }
}

/** The plan, bound to its targets' clients: what `applyCustomerGroupPlan` takes. */
function bind(
  saved: SerializedCustomerGroupPlan,
  chosen: readonly { saved: SavedTarget; target: Target }[],
): CustomerGroupPlan {
  const targets = chosen.map(({ saved: target, target: bound }, index): TargetPlan => {
    const base = {
      index,
      providerId: bound.providerId,
      ...(bound.account !== undefined && { account: bound.account }),
      provider: bound.provider,
      ...(target.shop !== null && { shop: target.shop }),
      warnings: target.warnings,
    }
    if (!target.ok) {
      const error = new Error(target.error?.message ?? '')
      error.name = target.error?.name ?? 'Error'
      return { ...base, ok: false, error, actions: [] }
    }
    const near = nearMatches(target)
    const actions = target.actions.map((action, position) => boundAction(base, action, near.get(position)))
    return { ...base, ok: true, actions }
  })
  const actions = targets.flatMap((target) => target.actions)
  return {
    targets,
    actions,
    changes: actions.filter((action) => action.type !== 'unchanged' && action.type !== 'extra').length,
    failedTargets: targets.filter((target) => !target.ok).length,
    prune: saved.prune,
    matchNames: saved.matchNames,
  }
}

function boundAction(
  target: { index: number; providerId: string; account?: string },
  action: SavedAction,
  nearMatch: string | undefined,
): PlannedAction {
  const current = currentOf(target.providerId, action)
  const fields = {
    target: target.index,
    providerId: target.providerId,
    ...(target.account !== undefined && { account: target.account }),
    type: action.type,
    name: action.name,
    warnings: action.warnings,
    ...(action.id !== undefined && { id: action.id }),
    ...(current !== undefined && { current }),
    ...(action.request !== undefined && { request: action.request }),
    ...(action.type === 'create' || action.type === 'update'
      ? {
          changes: plannedChanges(target.providerId, {
            type: action.type,
            request: action.request ?? {},
            current,
          }),
        }
      : {}),
    ...(action.renamedFrom !== undefined && { renamedFrom: action.renamedFrom }),
    ...(nearMatch !== undefined && { nearMatch }),
  }
  return { ...fields, key: actionKey(target, fields) } as PlannedAction
}
