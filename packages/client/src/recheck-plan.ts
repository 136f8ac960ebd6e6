import type { CallOptions, NormalizedCustomerGroup } from '@customer-groups/runtime'
import type { Staleness, TargetPlan, WriteAction } from './customer-group-plan.js'
import { changesSince, ownMetadata, sameValue, staleness } from './group-changes.js'
import { type NameMatching, nameKey } from './name-matching.js'
import { listCustomerGroups } from './operations.js'
import type { TargetRef } from './plan-customer-groups.js'
import type { PreviousOutcome } from './plan-journal.js'
import type { RequestLimiter, SharedLimit } from './request-limiter.js'
import type { AnyProvider } from './types.js'

/** What to do with an action once its target's groups were read again. */
export type Verdict = { kind: 'send' } | { kind: 'skipped' } | { kind: 'stale'; stale: Staleness }

/** Each target's groups as listed now, or why they could not be. */
export type Relisted = { groups: NormalizedCustomerGroup[] } | { error: Error }

/**
 * Lists each of `targets` once more, at once, within the limits: what the
 * plan found is compared with what is there right before anything is sent.
 */
export async function relistTargets(
  targets: readonly TargetPlan[],
  options: {
    limiter: RequestLimiter
    sharedLimits?: ((target: TargetRef) => readonly SharedLimit[]) | undefined
    call: CallOptions
  },
): Promise<Map<number, Relisted>> {
  const listed = await Promise.all(
    targets.map(async (target): Promise<[number, Relisted]> => {
      const provider = target.provider as AnyProvider
      try {
        const list = () => listCustomerGroups({ provider, ...options.call })
        const limits = options.sharedLimits?.(target as TargetRef) ?? []
        const { groups } = await options.limiter.run(limits, list, options.call.signal)
        return [target.index, { groups }]
      } catch (error) {
        return [target.index, { error: error instanceof Error ? error : new Error(String(error)) }]
      }
    }),
  )
  return new Map(listed)
}

/**
 * Whether an action is still what the plan meant, from its target's groups
 * now. An update or delete whose group changed since the plan (renamed,
 * updated, deleted) is stale, and so is a create whose name is now taken;
 * one an earlier run recorded done, or started and visibly did (the group
 * carries what the update sets, the deleted group is gone), is skipped,
 * and a create an earlier run may have made is sent to be looked up.
 */
export function verdictOf(
  action: WriteAction,
  previous: PreviousOutcome | undefined,
  groups: readonly NormalizedCustomerGroup[],
  matching: NameMatching,
): Verdict {
  if (action.type === 'create') {
    const key = nameKey(action.name, matching)
    const taken = groups.find((group) => nameKey(group.name, matching) === key)
    if (taken === undefined || previous !== undefined) return { kind: 'send' }
    return { kind: 'stale', stale: staleness({ changes: [], group: taken }, 'exists') }
  }
  const now = groups.find((group) => group.id === action.id)
  if (now === undefined) {
    if (action.type === 'delete' && previous !== undefined) return { kind: 'skipped' }
    return { kind: 'stale', stale: staleness({ changes: [] }, 'deleted') }
  }
  const found = action.current as NormalizedCustomerGroup | undefined
  if (found === undefined) return { kind: 'send' }
  const changes = changesSince(found, now, { metadata: true })
  if (changes.length === 0) return { kind: 'send' }
  // Recorded done, it happened (whatever was changed since is not this plan's to undo); recorded
  // started, it happened if the group carries what it sets.
  if (
    action.type === 'update' &&
    (previous === 'done' || (previous === 'started' && carriesChanges(action, now)))
  )
    return { kind: 'skipped' }
  return { kind: 'stale', stale: staleness({ changes, group: now }) }
}

/** Whether the group holds every value the update sets: an earlier run's write landed. */
function carriesChanges(action: Extract<WriteAction, { type: 'update' }>, group: NormalizedCustomerGroup) {
  const metadata = ownMetadata(group)
  return action.changes.every((change) => {
    if (change.field === 'name')
      return typeof change.to === 'string' && change.to.normalize('NFC') === group.name.normalize('NFC')
    if (change.field === 'description') return change.to === group.description
    const option = change.field.split('.').slice(2).join('.')
    return Object.hasOwn(metadata, option) && sameValue(metadata[option], change.to)
  })
}
