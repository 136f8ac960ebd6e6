import { InvalidArgumentError, type ProviderWarning } from '@customer-groups/runtime'
import type { FieldChange, PlannedAction, PlannedRequest } from './customer-group-plan.js'
import { type NameMatching, nameKey, nameMatchings } from './name-matching.js'
import { FieldChecks, isRecord } from './plan-checks.js'

/** What a saved plan's `format` says. */
export const customerGroupPlanFormat = 'customer-groups-plan'
/** The version of the saved-plan format this package writes and reads. */
export const customerGroupPlanVersion = 1

/** A group as a saved plan found it: enough to tell later whether it changed. */
export interface SavedGroupState {
  id: string
  name: string
  description: string | null
  updatedAt?: string
  /** The provider's own fields, under its id. */
  providerMetadata?: Record<string, Record<string, unknown>>
}

/** One action of a saved plan: what it sends, and the group it found. */
export interface SavedAction {
  type: PlannedAction['type']
  name: string
  id?: string
  found?: SavedGroupState
  /** Creates and updates: what is sent. */
  request?: PlannedRequest
  /** Creates and updates: field by field, found → sent; must agree with `found` and `request`. */
  changes?: FieldChange[]
  warnings: ProviderWarning[]
  renamedFrom?: string
  nearMatch?: string
}

/** One target of a saved plan: which provider and account, and which shop it reached. */
export interface SavedTarget {
  provider: string
  account?: string
  /** The shop's fingerprint when planned (see the provider's `shopFingerprint`); null only for a target that failed. */
  shop: string | null
  ok: boolean
  /** Why the target could not be planned. */
  error?: { name: string; message: string }
  warnings: ProviderWarning[]
  actions: SavedAction[]
}

/** A plan as `serializeCustomerGroupPlan` writes it: data only, no client, no URL, no credential. */
export interface SerializedCustomerGroupPlan {
  format: typeof customerGroupPlanFormat
  version: typeof customerGroupPlanVersion
  createdAt?: string
  prune: boolean
  matchNames: NameMatching
  targets: SavedTarget[]
}

export interface ParseCustomerGroupPlanOptions {
  /** The most bytes of JSON text read (default 8 MiB, as the CLI's input files). */
  maxBytes?: number | undefined
}

const defaultMaxBytes = 8 * 1024 * 1024
const limits = {
  targets: 10_000,
  actions: 100_000,
  warnings: 1_000,
  changes: 1_000,
  name: 10_000,
  message: 10_000,
  id: 1_000,
  account: 200,
  value: { maxDepth: 32, maxSize: 64 * 1024 },
}
const actionTypes = ['create', 'update', 'delete', 'unchanged', 'extra'] as const
const warningTypes = ['unsupported-option', 'unsupported-field', 'provider-error', 'other'] as const
const fingerprint = /^[0-9a-f]{32}$/

/**
 * Reads a saved plan (JSON text, or its parsed value) as hostile input: every
 * field is checked for its type, its bounds and its agreement with the others
 * (an update's group has its id; a delete needs a pruning plan; one id per
 * action of a target), and no field beyond the format's is taken, so a plan
 * can carry no URL, credential or header. Throws `InvalidArgumentError`
 * naming each field and rule; a plan of another format version is refused
 * before anything else is read.
 */
export function parseCustomerGroupPlan(
  json: unknown,
  options: ParseCustomerGroupPlanOptions = {},
): SerializedCustomerGroupPlan {
  const checks = new FieldChecks()
  const fail = () => new InvalidArgumentError('parseCustomerGroupPlan', checks.issues)
  let value = json
  if (typeof json === 'string') {
    const maxBytes = options.maxBytes ?? defaultMaxBytes
    // A string of more UTF-16 units than bytes allowed is over; fewer may still be, in UTF-8.
    if (json.length > maxBytes || new TextEncoder().encode(json).length > maxBytes) {
      checks.add('plan', 'max-length', `must be at most ${maxBytes} bytes of JSON`)
      throw fail()
    }
    try {
      value = JSON.parse(json)
    } catch (error) {
      checks.add('plan', 'syntax', `is not JSON: ${(error as Error).message.slice(0, 200)}`)
      throw fail()
    }
  }
  if (!isRecord(value)) {
    checks.add('plan', 'type', 'must be an object')
    throw fail()
  }
  if (value.format !== customerGroupPlanFormat) {
    checks.add(
      'format',
      'enum',
      `must be "${customerGroupPlanFormat}": this is not a saved customer-groups plan`,
    )
    throw fail()
  }
  if (value.version !== customerGroupPlanVersion) {
    const given = typeof value.version === 'number' ? String(value.version) : 'missing or not a number'
    checks.add(
      'version',
      'enum',
      `is ${given}; this version of @customer-groups/client reads plan version ${customerGroupPlanVersion}: make the plan again`,
    )
    throw fail()
  }
  const top = checks.record(value, '', {
    required: ['format', 'version', 'prune', 'matchNames', 'targets'],
    optional: ['createdAt'],
  }) as Record<string, unknown>
  if (top.createdAt !== undefined) checks.text(top.createdAt, 'createdAt', 100)
  const prune = checks.boolean(top.prune, 'prune') ?? false
  const matchNames = checks.oneOf(top.matchNames, 'matchNames', nameMatchings) ?? 'exact'
  const targets = (checks.list(top.targets, 'targets', limits.targets) ?? []).map((target, index) =>
    parseTarget(checks, target, `targets[${index}]`, { prune, matchNames }),
  )
  const seen = new Map<string, number>()
  targets.forEach((target, index) => {
    const name = `${target.provider}\0${target.account ?? ''}`
    const earlier = seen.get(name)
    if (earlier !== undefined)
      checks.add(
        `targets[${index}]`,
        'conflict',
        `names the same provider and account as targets[${earlier}]`,
      )
    seen.set(name, index)
  })
  if (checks.issues.length > 0) throw fail()
  return {
    format: customerGroupPlanFormat,
    version: customerGroupPlanVersion,
    ...(typeof top.createdAt === 'string' && { createdAt: top.createdAt }),
    prune,
    matchNames,
    targets,
  }
}

function parseTarget(
  checks: FieldChecks,
  value: unknown,
  at: string,
  plan: { prune: boolean; matchNames: NameMatching },
): SavedTarget {
  const record =
    checks.record(value, at, {
      required: ['provider', 'shop', 'ok', 'warnings', 'actions'],
      optional: ['account', 'error'],
    }) ?? {}
  const provider = checks.text(record.provider, `${at}.provider`, 100) ?? ''
  if (provider !== '' && !/^[a-z][a-z0-9-]*$/.test(provider))
    checks.add(`${at}.provider`, 'pattern', 'must be a provider id (lower-case letters, digits and -)')
  const account =
    record.account === undefined ? undefined : checks.text(record.account, `${at}.account`, limits.account)
  const ok = checks.boolean(record.ok, `${at}.ok`) ?? false
  const shop = record.shop === null && !ok ? null : checks.text(record.shop, `${at}.shop`, 32)
  if (typeof shop === 'string' && !fingerprint.test(shop))
    checks.add(`${at}.shop`, 'pattern', 'must be a shop fingerprint (32 hex digits)')
  let error: SavedTarget['error']
  if (ok && record.error !== undefined)
    checks.add(`${at}.error`, 'conflict', 'is only for a target that failed')
  if (!ok) {
    const found = checks.record(record.error, `${at}.error`, { required: ['name', 'message'] })
    if (found !== undefined)
      error = {
        name: checks.text(found.name, `${at}.error.name`, 100) ?? 'Error',
        message: checks.text(found.message, `${at}.error.message`, limits.message, { empty: true }) ?? '',
      }
  }
  const warnings = parseWarnings(checks, record.warnings, `${at}.warnings`)
  const actions = (checks.list(record.actions, `${at}.actions`, limits.actions) ?? []).map((action, index) =>
    parseAction(checks, action, `${at}.actions[${index}]`, plan.prune),
  )
  if (!ok && actions.length > 0)
    checks.add(`${at}.actions`, 'conflict', 'must be empty for a target that failed')
  actionConflicts(checks, actions, at, plan.matchNames)
  return {
    provider,
    ...(account !== undefined && { account }),
    shop: shop ?? null,
    ok,
    ...(error !== undefined && { error }),
    warnings,
    actions,
  }
}

/** One action per group of a target: no id twice, no name created twice or created while it is there. */
function actionConflicts(
  checks: FieldChecks,
  actions: SavedAction[],
  at: string,
  matching: NameMatching,
): void {
  const ids = new Map<string, number>()
  const names = new Map<string, number>()
  actions.forEach((action, index) => {
    const where = `${at}.actions[${index}]`
    if (action.id !== undefined) {
      const earlier = ids.get(action.id)
      if (earlier !== undefined)
        checks.add(`${where}.id`, 'conflict', `is also the id of actions[${earlier}]`)
      ids.set(action.id, index)
    }
    for (const name of [action.type === 'create' ? action.name : undefined, action.found?.name]) {
      if (name === undefined) continue
      const key = nameKey(name, matching)
      const earlier = names.get(key)
      if (
        earlier !== undefined &&
        earlier !== index &&
        (action.type === 'create' || actions[earlier]?.type === 'create')
      )
        checks.add(`${where}.name`, 'conflict', `is also the name of actions[${earlier}], which creates it`)
      names.set(key, index)
    }
  })
}

const actionFields: Record<SavedAction['type'], { required: string[]; optional: string[] }> = {
  create: { required: ['type', 'name', 'request', 'changes', 'warnings'], optional: [] },
  update: {
    required: ['type', 'name', 'id', 'found', 'request', 'changes', 'warnings'],
    optional: ['renamedFrom'],
  },
  delete: { required: ['type', 'name', 'id', 'found', 'warnings'], optional: ['nearMatch'] },
  unchanged: { required: ['type', 'name', 'id', 'found', 'warnings'], optional: [] },
  extra: { required: ['type', 'name', 'id', 'found', 'warnings'], optional: [] },
}

function parseAction(checks: FieldChecks, value: unknown, at: string, prune: boolean): SavedAction {
  const type = checks.oneOf(isRecord(value) ? value.type : undefined, `${at}.type`, actionTypes) ?? 'extra'
  const record = checks.record(value, at, actionFields[type]) ?? {}
  const name = checks.text(record.name, `${at}.name`, limits.name) ?? ''
  const action: SavedAction = {
    type,
    name,
    warnings: parseWarnings(checks, record.warnings, `${at}.warnings`),
  }
  if (record.id !== undefined) action.id = checks.text(record.id, `${at}.id`, limits.id) ?? ''
  if (record.found !== undefined) {
    action.found = parseFound(checks, record.found, `${at}.found`)
    if (action.found.id !== action.id) checks.add(`${at}.found.id`, 'conflict', "must be the action's id")
  }
  if (record.request !== undefined) action.request = parseRequest(checks, record.request, `${at}.request`)
  if (record.changes !== undefined) action.changes = parseChanges(checks, record.changes, `${at}.changes`)
  if (type === 'create' && action.request !== undefined && action.request.name !== name)
    checks.add(`${at}.request.name`, 'conflict', "must be the action's name")
  if (type === 'delete' && !prune)
    checks.add(`${at}.type`, 'conflict', 'a delete needs a plan made with prune')
  for (const field of ['renamedFrom', 'nearMatch'] as const)
    if (record[field] !== undefined) {
      const text = checks.text(record[field], `${at}.${field}`, limits.name)
      if (text !== undefined) action[field] = text
    }
  if (action.renamedFrom !== undefined && action.renamedFrom !== action.found?.name)
    checks.add(`${at}.renamedFrom`, 'conflict', 'must be the name the group was found under')
  return action
}

function parseFound(checks: FieldChecks, value: unknown, at: string): SavedGroupState {
  const record =
    checks.record(value, at, {
      required: ['id', 'name', 'description'],
      optional: ['updatedAt', 'providerMetadata'],
    }) ?? {}
  const found: SavedGroupState = {
    id: checks.text(record.id, `${at}.id`, limits.id) ?? '',
    name: checks.text(record.name, `${at}.name`, limits.name, { empty: true }) ?? '',
    description: checks.nullableText(record.description, `${at}.description`, limits.message) ?? null,
  }
  if (record.updatedAt !== undefined) {
    const updatedAt = checks.text(record.updatedAt, `${at}.updatedAt`, 100)
    if (updatedAt !== undefined) found.updatedAt = updatedAt
  }
  if (record.providerMetadata !== undefined) {
    const metadata = ownRecords(checks, record.providerMetadata, `${at}.providerMetadata`)
    if (metadata !== undefined) found.providerMetadata = metadata
  }
  return found
}

function parseRequest(checks: FieldChecks, value: unknown, at: string): PlannedRequest {
  const record =
    checks.record(value, at, { required: [], optional: ['name', 'description', 'providerOptions'] }) ?? {}
  const request: PlannedRequest = {}
  if (record.name !== undefined) request.name = checks.text(record.name, `${at}.name`, limits.name) ?? ''
  if (record.description !== undefined)
    request.description = checks.nullableText(record.description, `${at}.description`, limits.message) ?? null
  if (record.providerOptions !== undefined) {
    const options = ownRecords(checks, record.providerOptions, `${at}.providerOptions`)
    if (options !== undefined) request.providerOptions = options
  }
  if (isRecord(value) && Object.keys(value).length === 0)
    checks.add(at, 'min-properties', 'must send at least one field')
  return request
}

/** `{ [providerId]: { field: any JSON } }`, bounded; prototype-free, so a `__proto__` key stays a key. */
function ownRecords(
  checks: FieldChecks,
  value: unknown,
  at: string,
): Record<string, Record<string, unknown>> | undefined {
  if (!isRecord(value)) return checks.add(at, 'type', 'must be an object keyed by provider id')
  const result: Record<string, Record<string, unknown>> = Object.create(null)
  for (const [id, own] of Object.entries(value)) {
    if (!isRecord(own)) {
      checks.add(`${at}.${id.slice(0, 100)}`, 'type', 'must be an object')
      continue
    }
    if (checks.json(own, `${at}.${id.slice(0, 100)}`, limits.value) !== undefined)
      result[id] = Object.assign(Object.create(null), own)
  }
  return result
}

function parseChanges(checks: FieldChecks, value: unknown, at: string): FieldChange[] {
  return (checks.list(value, at, limits.changes) ?? []).map((change, index) => {
    const where = `${at}[${index}]`
    const record = checks.record(change, where, { required: ['field'], optional: ['from', 'to'] }) ?? {}
    checks.json(record.from, `${where}.from`, limits.value)
    checks.json(record.to, `${where}.to`, limits.value)
    return { field: checks.text(record.field, `${where}.field`, 300) ?? '', from: record.from, to: record.to }
  })
}

function parseWarnings(checks: FieldChecks, value: unknown, at: string): ProviderWarning[] {
  return (checks.list(value, at, limits.warnings) ?? []).map((warning, index) => {
    const where = `${at}[${index}]`
    const record = checks.record(warning, where, { required: ['type', 'message'], optional: ['field'] }) ?? {}
    const parsed: ProviderWarning = {
      type: checks.oneOf(record.type, `${where}.type`, warningTypes) ?? 'other',
      message: checks.text(record.message, `${where}.message`, limits.message, { empty: true }) ?? '',
    }
    if (record.field !== undefined) parsed.field = checks.text(record.field, `${where}.field`, 300) ?? ''
    return parsed
  })
}
