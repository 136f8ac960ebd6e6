import type {
  ArgumentIssue,
  CallOptions,
  CustomerGroupProvider,
  NormalizedCustomerGroup,
  ProviderWarning,
} from '@customer-groups/runtime'
import {
  AmbiguousNameError,
  asCustomerGroupProvider,
  callOptionsOf,
  InvalidArgumentError,
  InvalidResponseError,
  RenameConflictError,
} from '@customer-groups/runtime'
import { actionKey } from './action-key.js'
import { describeProvider } from './check-request.js'
import type {
  CustomerGroupPlan,
  DesiredCustomerGroup,
  FieldChange,
  PlannedAction,
  PlannedRequest,
  ProviderOfTarget,
  SyncTargetInput,
  TargetPlan,
} from './customer-group-plan.js'
import { sameValue } from './group-changes.js'
import { type NameMatching, nameKey, nameMatchings, nearNameKey } from './name-matching.js'
import { checkCustomerGroupRequest, listCustomerGroups } from './operations.js'
import { RequestLimiter, type SharedLimit } from './request-limiter.js'
import type { AnyProvider } from './types.js'

/** A target as limits see it: its place in the plan, its provider and account. */
export interface TargetRef {
  index: number
  providerId: string
  account?: string
  provider: AnyProvider
}

export interface PlanCustomerGroupsOptions<Targets extends readonly SyncTargetInput[]> extends CallOptions {
  /** Caps on requests in flight shared with the writes that apply the plan (default: one of its own). */
  limiter?: RequestLimiter | undefined
  /** The limits each target's requests count against besides its own, e.g. a provider's limit per token or per source IP. */
  sharedLimits?: ((target: TargetRef) => readonly SharedLimit[]) | undefined
  /** Provider instances, or `{ provider, account }`; each is listed once. */
  targets: Targets
  /** The groups every target should have, by name; names must not repeat (under `matchNames`). */
  groups: readonly DesiredCustomerGroup<ProviderOfTarget<Targets[number]>>[]
  /** Plan deleting the groups a target has beyond `groups`, where its provider can delete (default false: report them as `extra`). */
  prune?: boolean | undefined
  /** How names are matched (default `exact`). */
  matchNames?: NameMatching | undefined
}

export interface Target {
  /** As the caller gave it. */
  provider: AnyProvider
  /** Its facade interface. */
  facade: CustomerGroupProvider
  providerId: string
  account: string | undefined
}

/** A desired group, checked and tidied: options per provider as plain objects. */
interface Desired {
  index: number
  name: string
  key: string
  description: string | null | undefined
  providerOptions: Record<string, Record<string, unknown>>
  /** The old names of `renamedFrom`, matched as names are. */
  oldKeys: string[]
}

/**
 * Compares the desired groups with each target's groups and says what would
 * change: per target and desired group a `create`, an `update` (field by
 * field, old → new) or `unchanged`; per group the file does not name an
 * `extra`, or a `delete` with `prune` where the provider can delete. Only the
 * list calls are sent, one per target, at once.
 *
 * Bad input (a nameless group, a repeated name, an option no targeted
 * provider has or a value its spec refuses) throws `InvalidArgumentError`
 * before anything is sent. A target whose list fails, or with several
 * groups of a desired name, gets `ok: false` and no actions; the others plan
 * on. What a provider cannot store becomes a warning on the action.
 */
export async function planCustomerGroups<const Targets extends readonly SyncTargetInput[]>(
  options: PlanCustomerGroupsOptions<Targets>,
): Promise<CustomerGroupPlan<ProviderOfTarget<Targets[number]>>> {
  const matchNames = options.matchNames ?? 'exact'
  const prune = options.prune ?? false
  const issues: ArgumentIssue[] = []
  if (!nameMatchings.includes(matchNames))
    issues.push({ field: 'matchNames', code: 'enum', message: `must be one of ${nameMatchings.join(', ')}` })
  const targets = readTargets(options.targets, issues)
  const desired = readDesired(options.groups, matchNames, issues)
  for (const target of targets) issues.push(...desiredIssues(target, desired))
  if (issues.length > 0) throw new InvalidArgumentError('planCustomerGroups', dedupe(issues))

  const call = callOptionsOf(options)
  const limiter = options.limiter ?? new RequestLimiter()

  const plans = await Promise.all(
    targets.map(async (target, index): Promise<TargetPlan> => {
      const base = {
        index,
        providerId: target.providerId,
        ...(target.account !== undefined && { account: target.account }),
        provider: target.provider,
      }
      // Which shop is planned, told beside the list call: a saved plan is applied only where it matches.
      const shop = target.facade.shopFingerprint?.().catch(() => undefined)
      const identified = async () => {
        const fingerprint = await shop
        return fingerprint === undefined ? base : { ...base, shop: fingerprint }
      }
      try {
        const limits = options.sharedLimits?.(base) ?? []
        const list = () => listCustomerGroups({ provider: target.facade, ...call })
        const { groups, response, warnings: listed } = await limiter.run(limits, list, call.signal)
        const repeated = repeatedIds(groups)
        // Two groups under one id: an update or a delete meant for one would reach the other.
        if (repeated.length > 0)
          throw new InvalidResponseError(
            {
              provider: target.providerId,
              status: response.status,
              headers: response.headers,
              body: undefined,
            },
            `a group list that names the same id twice (${repeated.slice(0, 5).join(', ')})`,
          )
        const { actions, warnings } = planTarget(target, index, groups, desired, prune, matchNames)
        // The list's own warnings (Shoptet's errors[] beside a 200) are about the target's groups.
        return { ...(await identified()), ok: true, actions, warnings: [...listed, ...warnings] }
      } catch (error) {
        return {
          ...(await identified()),
          ok: false,
          error: error instanceof Error ? error : new Error(String(error)),
          actions: [],
          warnings: [],
        }
      }
    }),
  )
  const actions = plans.flatMap((plan) => plan.actions)
  return {
    targets: plans,
    actions,
    changes: actions.filter((action) => action.type !== 'unchanged' && action.type !== 'extra').length,
    failedTargets: plans.filter((plan) => !plan.ok).length,
    prune,
    matchNames,
  } as CustomerGroupPlan<ProviderOfTarget<Targets[number]>>
}

/** The targets as given, checked: a provider instance each, an account name at most once per provider. */
export function readTargets(targets: readonly SyncTargetInput[], issues: ArgumentIssue[]): Target[] {
  if (!Array.isArray(targets) || targets.length === 0) {
    issues.push({ field: 'targets', code: 'type', message: 'must list at least one provider instance' })
    return []
  }
  const seen = new Set<string>()
  return targets.flatMap((input, index): Target[] => {
    const entry = input as { provider?: unknown; account?: unknown }
    const provider = (
      entry !== null && typeof entry === 'object' && 'provider' in entry ? entry.provider : entry
    ) as AnyProvider | undefined
    const account =
      entry !== null && typeof entry === 'object' && 'provider' in entry ? entry.account : undefined
    const facade = asCustomerGroupProvider(provider)
    if (provider === undefined || facade === undefined) {
      issues.push({
        field: `targets[${index}]`,
        code: 'type',
        message:
          "must be a provider instance, as a provider package's factory makes, or { provider, account }",
      })
      return []
    }
    if (account !== undefined && (typeof account !== 'string' || account === '')) {
      issues.push({ field: `targets[${index}].account`, code: 'type', message: 'must be a non-empty string' })
      return []
    }
    const providerId = describeProvider(provider)
    const name = `${providerId}\0${account ?? ''}`
    if (seen.has(name))
      issues.push({
        field: `targets[${index}]`,
        code: 'conflict',
        message: `${providerId}${account === undefined ? '' : ` account ${account}`} is listed twice; give each target its own account name`,
      })
    seen.add(name)
    return [{ provider, facade, providerId, account: account as string | undefined }]
  })
}

function readDesired(groups: readonly unknown[], matching: NameMatching, issues: ArgumentIssue[]): Desired[] {
  if (!Array.isArray(groups)) {
    issues.push({
      field: 'groups',
      code: 'type',
      message: 'must be a list of { name, description?, providerOptions? }',
    })
    return []
  }
  const byKey = new Map<string, number>()
  const desired = groups.flatMap((group, index): Desired[] => {
    const at = `groups[${index}]`
    if (typeof group !== 'object' || group === null || Array.isArray(group)) {
      issues.push({ field: at, code: 'type', message: 'must be { name, description?, providerOptions? }' })
      return []
    }
    const { name, description, providerOptions, renamedFrom, ...unknown } = group as Record<string, unknown>
    for (const field of Object.keys(unknown))
      issues.push({
        field: `${at}.${field}`,
        code: 'unknown-field',
        message: 'is not one of name, description, providerOptions, renamedFrom',
      })
    if (typeof name !== 'string' || name.trim() === '') {
      issues.push({ field: `${at}.name`, code: 'required', message: 'must be a non-empty string' })
      return []
    }
    if (description !== undefined && description !== null && typeof description !== 'string')
      issues.push({ field: `${at}.description`, code: 'type', message: 'must be a string, or null for none' })
    // No prototype: a provider id of "__proto__" from a parsed file stays a key, never the object's prototype.
    const options: Record<string, Record<string, unknown>> = Object.create(null)
    if (providerOptions !== undefined) {
      if (typeof providerOptions !== 'object' || providerOptions === null || Array.isArray(providerOptions))
        issues.push({
          field: `${at}.providerOptions`,
          code: 'type',
          message: 'must be an object keyed by provider id',
        })
      else
        for (const [id, own] of Object.entries(providerOptions)) {
          if (typeof own !== 'object' || own === null || Array.isArray(own))
            issues.push({ field: `${at}.providerOptions.${id}`, code: 'type', message: 'must be an object' })
          else options[id] = own as Record<string, unknown>
        }
    }
    const key = nameKey(name, matching)
    const earlier = byKey.get(key)
    if (earlier !== undefined) {
      issues.push({
        field: `${at}.name`,
        code: 'conflict',
        message: `${JSON.stringify(name.slice(0, 100))} is also the name of groups[${earlier}]${matching === 'exact' ? '' : ` (names are matched with ${matching})`}`,
      })
      return []
    }
    byKey.set(key, index)
    return [
      {
        index,
        name,
        key,
        description: description as string | null | undefined,
        providerOptions: options,
        oldKeys: readOldNames(renamedFrom, `${at}.renamedFrom`, matching, issues),
      },
    ]
  })
  issues.push(...renameIssues(desired))
  return desired
}

/** The most old names one group may list. */
const maxOldNames = 100

/** `renamedFrom` as name keys: a list of non-empty names. */
function readOldNames(value: unknown, at: string, matching: NameMatching, issues: ArgumentIssue[]): string[] {
  if (value === undefined) return []
  if (!Array.isArray(value) || value.length > maxOldNames) {
    issues.push({ field: at, code: 'type', message: `must be a list of up to ${maxOldNames} old names` })
    return []
  }
  return value.flatMap((old, index) => {
    if (typeof old === 'string' && old.trim() !== '') return [nameKey(old, matching)]
    issues.push({ field: `${at}[${index}]`, code: 'type', message: 'must be a non-empty string' })
    return []
  })
}

/**
 * Old names that cannot be followed whatever the targets hold: a group's own
 * name, the name of another desired group (it would be renamed away while
 * the file still wants it), or an old name two groups claim.
 */
function renameIssues(desired: readonly Desired[]): ArgumentIssue[] {
  const issues: ArgumentIssue[] = []
  const wanted = new Map(desired.map((group) => [group.key, group.index]))
  const claimed = new Map<string, number>()
  for (const group of desired)
    group.oldKeys.forEach((key, position) => {
      const field = `groups[${group.index}].renamedFrom[${position}]`
      const holder = wanted.get(key)
      const earlier = claimed.get(key)
      if (holder !== undefined)
        issues.push({
          field,
          code: 'conflict',
          message:
            holder === group.index
              ? "is the group's own name"
              : `is the name of groups[${holder}], which the file still wants`,
        })
      else if (earlier !== undefined && earlier !== group.index)
        issues.push({ field, code: 'conflict', message: `is also an old name of groups[${earlier}]` })
      claimed.set(key, group.index)
    })
  return issues
}

/** The target's own options of a desired group, split by the operations that take them. */
function ownOptions(target: Target, group: Desired) {
  const operations = target.facade.capabilities.operations
  const create = operations.create?.providerOptions ?? []
  const update = operations.update?.providerOptions ?? []
  const own = group.providerOptions[target.providerId] ?? {}
  const pick = (known: readonly string[]) =>
    Object.fromEntries(Object.entries(own).filter(([option]) => known.includes(option)))
  return {
    own,
    create: pick(create),
    update: pick(update),
    unknown: Object.keys(own).filter((option) => !create.includes(option) && !update.includes(option)),
    known: [...new Set([...create, ...update])],
  }
}

/** What the target's provider would refuse of the desired groups, found without sending anything. */
function desiredIssues(target: Target, desired: Desired[]): ArgumentIssue[] {
  const { facade: provider, providerId } = target
  const can = provider.capabilities.operations
  const issues: ArgumentIssue[] = []
  for (const group of desired) {
    const at = `groups[${group.index}]`
    const options = ownOptions(target, group)
    for (const option of options.unknown)
      issues.push({
        field: `${at}.providerOptions.${providerId}.${option}`,
        code: 'unsupported-option',
        message: `is not an option of ${providerId}; known: ${options.known.join(', ') || 'none'}`,
      })
    const description = typeof group.description === 'string' ? { description: group.description } : {}
    const found: ArgumentIssue[] = []
    if (can.create !== undefined)
      found.push(
        ...checkCustomerGroupRequest('create', {
          provider,
          name: group.name,
          ...description,
          providerOptions: { [providerId]: options.create },
        }),
      )
    if (can.update !== undefined)
      found.push(
        ...checkCustomerGroupRequest('update', {
          provider,
          // A stand-in id: the checks are about the fields, so what the provider's rule for ids says of
          // it (ids are numbers at one provider, `grp_…` at another) is left out.
          id: '1',
          name: group.name,
          ...description,
          providerOptions: { [providerId]: options.update },
        }).filter((issue) => issue.field !== 'id'),
      )
    for (const issue of found)
      issues.push({ ...issue, field: `${at}.${issue.field}`, message: `${issue.message} (on ${providerId})` })
  }
  return issues
}

function planTarget(
  target: Target,
  index: number,
  groups: NormalizedCustomerGroup[],
  desired: Desired[],
  prune: boolean,
  matching: NameMatching,
): { actions: PlannedAction[]; warnings: ProviderWarning[] } {
  const { facade: provider, providerId, account } = target
  const byKey = new Map<string, NormalizedCustomerGroup[]>()
  for (const group of groups) {
    const key = nameKey(group.name, matching)
    byKey.set(key, [...(byKey.get(key) ?? []), group])
  }
  const matched = new Set<NormalizedCustomerGroup>()
  const base = (name: string) => ({
    target: index,
    providerId,
    ...(account !== undefined && { account }),
    name,
  })
  const actions: PlannedAction[] = []
  const warnings: ProviderWarning[] = []
  const canCreate =
    provider.capabilities.operations.create !== undefined &&
    typeof provider.doCreateCustomerGroup === 'function'
  for (const group of desired) {
    const { current, renamedFrom } = findCurrent(providerId, group, byKey)
    if (current !== undefined) matched.add(current)
    else if (!canCreate) {
      warnings.push({
        type: 'other',
        message: `${providerId} cannot create customer groups: ${JSON.stringify(group.name.slice(0, 100))} is missing there and will not be created`,
      })
      continue
    }
    const planned = current === undefined ? planCreate(target, group) : planUpdate(target, group, current)
    const action = {
      ...base(group.name),
      ...planned,
      ...(current !== undefined && { current }),
      ...(renamedFrom !== undefined && planned.type === 'update' && { renamedFrom }),
    }
    actions.push({ ...action, key: actionKey(target, action) } as PlannedAction)
  }
  const canDelete =
    provider.capabilities.operations.delete !== undefined &&
    typeof provider.doDeleteCustomerGroup === 'function'
  const extras = groups.filter((group) => !matched.has(group))
  // A delete of a group named nearly like a desired one is most likely the same group, spelled otherwise.
  const nearKeys = new Map<string, string>()
  if (prune && canDelete) for (const group of desired) nearKeys.set(nearNameKey(group.name), group.name)
  for (const group of extras) {
    const type = prune && canDelete ? 'delete' : 'extra'
    const nearMatch = type === 'delete' ? nearKeys.get(nearNameKey(group.name)) : undefined
    const action = {
      ...base(group.name),
      type,
      id: group.id,
      warnings: nearMatch === undefined ? [] : [nearMatchWarning(nearMatch)],
      current: group,
    }
    // The key stays that of any delete: it names the group, not why it is deleted.
    actions.push({
      ...action,
      key: actionKey(target, action),
      ...(nearMatch !== undefined && { nearMatch }),
    } as PlannedAction)
  }
  if (prune && !canDelete && extras.length > 0)
    warnings.push({
      type: 'other',
      message: `${providerId} cannot delete customer groups: ${extras.length} extra group(s) left as they are`,
    })
  return { actions, warnings }
}

/**
 * The group a desired one is on the target: the one under its name, else the
 * one under an old name of `renamedFrom`. Two under the name, two under old
 * names, or one under each, and which is meant cannot be told.
 */
function findCurrent(
  providerId: string,
  group: Desired,
  byKey: ReadonlyMap<string, NormalizedCustomerGroup[]>,
): { current?: NormalizedCustomerGroup; renamedFrom?: string } {
  const candidates = byKey.get(group.key) ?? []
  if (candidates.length > 1)
    throw new AmbiguousNameError(
      providerId,
      group.name,
      candidates.map((candidate) => candidate.id),
    )
  const old = [...new Set(group.oldKeys.flatMap((key) => byKey.get(key) ?? []))]
  const [current] = candidates
  const involved = (groups: NormalizedCustomerGroup[]) => groups.map(({ id, name }) => ({ id, name }))
  if (current !== undefined && old.length > 0)
    throw new RenameConflictError(providerId, group.name, 'clash', involved([current, ...old]))
  if (old.length > 1) throw new RenameConflictError(providerId, group.name, 'several-old', involved(old))
  if (current !== undefined) return { current }
  const [renamed] = old
  return renamed === undefined ? {} : { current: renamed, renamedFrom: renamed.name }
}

function nearMatchWarning(desiredName: string): ProviderWarning {
  return {
    type: 'other',
    field: 'name',
    message: `nearly matches the desired ${JSON.stringify(desiredName)} (differs only in case, whitespace, invisible characters or Unicode form): deleting it may delete the group you mean`,
  }
}

/** Warnings for other providers' options: this target cannot store them. */
function foreignOptionWarnings(target: Target, group: Desired): ProviderWarning[] {
  return Object.entries(group.providerOptions)
    .filter(([id]) => id !== target.providerId)
    .flatMap(([id, own]) =>
      Object.keys(own).map((option) => ({
        type: 'unsupported-option' as const,
        field: `providerOptions.${id}.${option}`,
        message: `${target.providerId} has no ${option}; not applied there`,
      })),
    )
}

function planCreate(target: Target, group: Desired) {
  const { providerId, facade: provider } = target
  const warnings = foreignOptionWarnings(target, group)
  const options = ownOptions(target, group)
  const request: PlannedRequest = { name: group.name }
  const changes: FieldChange[] = [{ field: 'name', from: undefined, to: group.name }]
  if (typeof group.description === 'string') {
    if (provider.capabilities.fields.includes('description')) {
      request.description = group.description
      changes.push({ field: 'description', from: undefined, to: group.description })
    } else warnings.push(noField(providerId, 'description'))
  }
  for (const [option, value] of Object.entries(options.own)) {
    if (option in options.create)
      changes.push({ field: `providerOptions.${providerId}.${option}`, from: undefined, to: value })
    else
      warnings.push({
        type: 'unsupported-option',
        field: `providerOptions.${providerId}.${option}`,
        message: `${providerId} does not take ${option} when creating a group; not sent`,
      })
  }
  if (Object.keys(options.create).length > 0) request.providerOptions = { [providerId]: options.create }
  return { type: 'create' as const, changes, request, warnings }
}

function planUpdate(target: Target, group: Desired, current: NormalizedCustomerGroup) {
  const { providerId, facade: provider } = target
  const can = provider.capabilities.operations.update
  const warnings = foreignOptionWarnings(target, group)
  const changes: FieldChange[] = []
  // Canonically equivalent spellings (é as one character or as e + accent) are the same name, not a rename.
  if (current.name.normalize('NFC') !== group.name.normalize('NFC'))
    changes.push({ field: 'name', from: current.name, to: group.name })
  let description = current.description
  if (group.description !== undefined && group.description !== current.description) {
    if (!provider.capabilities.fields.includes('description'))
      warnings.push(noField(providerId, 'description'))
    else if (group.description === null && can?.canClearDescription !== true)
      warnings.push({
        type: 'unsupported-field',
        field: 'description',
        message: `${providerId} cannot clear a description; it stays ${JSON.stringify(current.description?.slice(0, 100))}`,
      })
    else {
      changes.push({ field: 'description', from: current.description, to: group.description })
      description = group.description
    }
  }
  const options = ownOptions(target, group)
  const stored =
    (current.providerMetadata as Record<string, Record<string, unknown>> | undefined)?.[providerId] ?? {}
  const send: Record<string, unknown> = {}
  const uncompared: string[] = []
  for (const [option, value] of Object.entries(options.own)) {
    if (!Object.hasOwn(options.update, option)) {
      warnings.push({
        type: 'unsupported-option',
        field: `providerOptions.${providerId}.${option}`,
        message: `${providerId} does not take ${option} when updating a group; not sent`,
      })
    } else if (!Object.hasOwn(stored, option)) {
      // Not a field of the group (e.g. the language of the texts): sent with a change, never compared.
      send[option] = value
      uncompared.push(option)
    } else if (!sameValue(stored[option], value)) {
      send[option] = value
      changes.push({ field: `providerOptions.${providerId}.${option}`, from: stored[option], to: value })
    }
  }
  if (changes.length === 0) {
    if (uncompared.length > 0)
      warnings.push({
        type: 'other',
        message: `${providerId} groups do not show ${uncompared.join(', ')}, so it cannot be compared; it is sent only along with a change`,
      })
    return { type: 'unchanged' as const, id: current.id, warnings }
  }
  const request: PlannedRequest = {}
  const replace = can?.mode === 'replace'
  // A replacing update sends the whole group: the name always, and the description it keeps.
  if (replace || current.name !== group.name) request.name = group.name
  if (description !== current.description || (replace && description !== null))
    request.description = description
  if (Object.keys(send).length > 0) request.providerOptions = { [providerId]: send }
  return { type: 'update' as const, id: current.id, changes, request, warnings }
}

function noField(providerId: string, field: string): ProviderWarning {
  return { type: 'unsupported-field', field, message: `${providerId} has no ${field}; not applied there` }
}

function dedupe(issues: ArgumentIssue[]): ArgumentIssue[] {
  const seen = new Set<string>()
  return issues.filter((issue) => {
    const key = `${issue.field}\0${issue.code}\0${issue.message}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}

/** The ids a list holds more than once. */
function repeatedIds(groups: readonly NormalizedCustomerGroup[]): string[] {
  const seen = new Set<string>()
  const repeated = new Set<string>()
  for (const { id } of groups) {
    if (seen.has(id)) repeated.add(id)
    seen.add(id)
  }
  return [...repeated]
}
