import type { CallOptions, NormalizedCustomerGroup } from '@customer-groups/runtime'
import { callOptionsOf } from '@customer-groups/runtime'
import {
  type ActionResult,
  type CustomerGroupPlan,
  isWriteAction,
  type NotRunReason,
  type TargetPlan,
  type WriteAction,
} from './customer-group-plan.js'
import { executeWrites, type WriteItem, type WriteLane, type WriteResult } from './execute-writes.js'
import type { TargetRef } from './plan-customer-groups.js'
import type { PlanJournal, PreviousOutcome } from './plan-journal.js'
import { capabilitiesOf } from './provider-of.js'
import { type Relisted, relistTargets, verdictOf } from './recheck-plan.js'
import { RequestLimiter, type SharedLimit } from './request-limiter.js'
import type { PlannedWrite } from './send-write.js'
import type { AnyProvider, TypesOf } from './types.js'

export interface ApplyCustomerGroupPlanOptions extends CallOptions {
  /**
   * Writes in flight at once per target (default 3, as `customer-groups
   * apply`). A provider's own limit per credential applies on top, in its client.
   */
  concurrency?: number | undefined
  /** Limits a target shares with others, e.g. `[{ name: 'shoptet per IP', max: 50 }]` for every Shoptet target. */
  sharedLimits?: ((target: TargetRef) => readonly SharedLimit[]) | undefined
  /** The limiter the plan's list calls went through, so the limits hold for the whole run. */
  limiter?: RequestLimiter | undefined
  /** Once aborted, no further action starts; those in flight finish. `signal` aborts those too. */
  stop?: AbortSignal | undefined
  /** Records each action's start and end, and says what an earlier run did (resume). */
  journal?: PlanJournal | undefined
  /** Called as each action ends, after the journal heard of it: for progress. */
  onResult?: ((result: ActionResult) => void) | undefined
  /**
   * List each target once more before writing and refuse what changed since
   * the plan (`stale`); default true. Turn it off only for a plan made just now.
   */
  recheck?: boolean | undefined
}

export interface ApplyCounts {
  done: number
  /** Done, with warnings. */
  warned: number
  failed: number
  unknown: number
  /** Not sent: the group changed since the plan. */
  stale: number
  notRun: number
  skipped: number
}

export interface CustomerGroupPlanResult<Provider = AnyProvider> {
  /** Every target planned and every write is done (or was done before): the targets match the desired groups. */
  ok: boolean
  /** One per create, update and delete of the plan, in the plan's order. */
  results: ActionResult<Provider>[]
  counts: ApplyCounts
  /** Targets whose plan failed, to which nothing was sent. */
  failedTargets: Extract<TargetPlan<Provider>, { ok: false }>[]
  /**
   * Targets that got nothing more during the run, their remaining actions
   * `not-run`: the shop refused the credential (401, 403), or its groups
   * could not be listed again to check the plan.
   */
  stoppedTargets: { target: number; error: Error }[]
  /** Why the run stopped before its end (the journal failed, bad options), when it did. */
  stopped?: Error
}

interface PlanItem extends WriteItem {
  index: number
}

/** An action the journal did not settle, waiting for its target's check. */
interface Pending {
  index: number
  action: WriteAction
  previous: PreviousOutcome | undefined
}

/**
 * Carries a plan out on the client's one write engine: at most `concurrency`
 * writes in flight per target and within `sharedLimits`, each with the
 * client's own retries. First each target with something to send is listed
 * once more: an action whose group changed since the plan (updated, renamed,
 * deleted), or a create whose name is now taken, is `stale` and not sent. A
 * delete reads its group again right before it is sent. A create whose answer
 * is lost is settled by looking its name up; a replacing update reads the
 * group first and is `stale` if it changed since the plan; a target whose shop
 * refuses the credential gets nothing more. Never rejects: each action gets
 * its own result. With a journal, each action's start is recorded before it
 * is sent, and a resumed create is looked up by name before it is sent again.
 */
export async function applyCustomerGroupPlan<Provider = AnyProvider>(
  plan: CustomerGroupPlan<Provider>,
  options: ApplyCustomerGroupPlanOptions = {},
): Promise<CustomerGroupPlanResult<Provider>> {
  const writes = plan.actions.filter(isWriteAction) as WriteAction<Provider>[]
  const results: ActionResult<Provider>[] = writes.map((action) => ({
    status: 'not-run',
    action,
    warnings: [...action.warnings],
  }))
  const failedTargets = plan.targets.filter(
    (target): target is Extract<TargetPlan<Provider>, { ok: false }> => !target.ok,
  )
  const { journal } = options
  const limiter = options.limiter ?? new RequestLimiter()
  let stopped: Error | undefined
  const pending: Pending[] = []
  writes.forEach((action, index) => {
    let previous: PreviousOutcome | undefined
    try {
      previous = journal?.previous?.(action as WriteAction)
    } catch (error) {
      stopped ??= asError(error)
    }
    if (previous === 'done' && provablyDone(action))
      results[index] = { status: 'skipped', action, warnings: [...action.warnings] }
    else pending.push({ index, action: action as WriteAction, previous })
  })
  const settle = async (index: number, result: ActionResult<Provider>) => {
    results[index] = result
    await journal?.finished?.(result as ActionResult)
    options.onResult?.(result as ActionResult)
  }
  const checked =
    stopped !== undefined || options.recheck === false
      ? { send: pending, stoppedTargets: [] }
      : await recheck(plan as CustomerGroupPlan, pending, { ...options, limiter }, settle as never).catch(
          (error: unknown) => {
            stopped ??= asError(error)
            return { send: [], stoppedTargets: [] }
          },
        )
  const byTarget = new Map<number, PlanItem[]>()
  for (const { index, action, previous } of checked.send) {
    const items = byTarget.get(action.target) ?? []
    const provider = (plan.targets[action.target] as TargetPlan).provider as AnyProvider
    const replaces = capabilitiesOf(provider).operations.update?.mode === 'replace'
    items.push({ index, group: action.key, write: plannedWrite(action, previous, replaces) })
    byTarget.set(action.target, items)
  }
  const targetsOfLanes = [...byTarget.keys()]
  const lanes: WriteLane<PlanItem>[] = targetsOfLanes.map((target) => {
    const targetPlan = plan.targets[target] as TargetPlan
    let items = byTarget.get(target) ?? []
    return {
      provider: targetPlan.provider as AnyProvider,
      limits: options.sharedLimits?.(targetPlan) ?? [],
      load(max) {
        const next = items.slice(0, max)
        items = items.slice(max)
        return next
      },
    }
  })
  const run =
    stopped === undefined
      ? await executeWrites<PlanItem>({
          ...callOptionsOf(options),
          lanes,
          concurrency: options.concurrency,
          limiter,
          stop: options.stop,
          starting: (items) => journal?.starting?.(items.map((item) => writes[item.index] as WriteAction)),
          settled: (result) =>
            settle(
              result.item.index,
              actionResult(writes[result.item.index] as WriteAction<Provider>, result),
            ),
        })
      : { stopped, stoppedShops: [] }
  const stoppedTargets = [
    ...checked.stoppedTargets,
    ...run.stoppedShops.map(({ lane, error }) => ({ target: targetsOfLanes[lane] as number, error })),
  ]
  return summarize(results, failedTargets, run.stopped, stoppedTargets)
}

/**
 * Lists each target with actions to send once more and settles what must not
 * be sent: stale actions, actions an earlier run visibly did (skipped), and
 * every action of a target that could not be listed (not run). Returns the
 * rest, to send.
 */
async function recheck(
  plan: CustomerGroupPlan,
  pending: readonly Pending[],
  options: ApplyCustomerGroupPlanOptions & { limiter: RequestLimiter },
  settle: (index: number, result: ActionResult) => Promise<void>,
): Promise<{ send: Pending[]; stoppedTargets: { target: number; error: Error }[] }> {
  const targets = [...new Set(pending.map(({ action }) => action.target))].map(
    (target) => plan.targets[target] as TargetPlan,
  )
  if (targets.length === 0 || options.stop?.aborted === true || options.signal?.aborted === true)
    return { send: [...pending], stoppedTargets: [] }
  const listed = await relistTargets(targets, { ...options, call: callOptionsOf(options) })
  const send: Pending[] = []
  for (const { index, action, previous } of pending) {
    const now = listed.get(action.target) as Relisted
    const warnings = [...action.warnings]
    if ('error' in now) {
      const message = `its groups could not be read again to check the plan: ${now.error.message.slice(0, 200)}`
      const reason: NotRunReason = { cause: 'recheck', message, error: now.error }
      await settle(index, { status: 'not-run', action, warnings, reason })
      continue
    }
    const verdict = verdictOf(action, previous, now.groups, plan.matchNames)
    if (verdict.kind === 'send') send.push({ index, action, previous })
    else if (verdict.kind === 'skipped') await settle(index, { status: 'skipped', action, warnings })
    else await settle(index, { status: 'stale', action, warnings, stale: verdict.stale })
  }
  const stoppedTargets = [...listed].flatMap(([target, now]) =>
    'error' in now ? [{ target, error: now.error }] : [],
  )
  return { send, stoppedTargets }
}

/**
 * Whether an action the journal recorded done may be skipped: a delete (the
 * group is gone; the list has not caught up), or an update of a group whose
 * version has not moved since (nobody wrote it since the plan that did it).
 * An update of a group without a version may have been reverted to the very
 * value found before: it is sent again, which changes nothing if it was not.
 */
function provablyDone(action: WriteAction<unknown>): boolean {
  if (action.type === 'delete') return true
  return action.type === 'update' && action.current?.updatedAt !== undefined
}

/**
 * The write an action sends. A replacing update is checked against the group
 * as the plan found it (one read): sending the whole group from a stale plan
 * would undo what someone changed since. A patch sends only what the plan
 * changes, so it needs no such read.
 */
function plannedWrite(
  action: WriteAction<unknown>,
  previous: PreviousOutcome | undefined,
  replaces: boolean,
): PlannedWrite {
  if (action.type === 'delete') {
    const found = action.current as NormalizedCustomerGroup | undefined
    return { type: 'delete', id: action.id, ...(found && { expected: found }) }
  }
  if (action.type === 'create')
    return {
      type: 'create',
      name: action.name,
      request: action.request,
      ...(previous !== undefined && { lookUpFirst: true }),
    }
  const found = replaces ? (action.current as NormalizedCustomerGroup | undefined) : undefined
  return { type: 'update', id: action.id, request: action.request, ...(found && { expected: found }) }
}

function actionResult<Provider>(
  action: WriteAction<Provider>,
  result: WriteResult<PlanItem>,
): ActionResult<Provider> {
  const warnings = [...action.warnings, ...result.warnings]
  if (result.status === 'not-run') return { status: 'not-run', action, warnings, reason: result.reason }
  if (result.status === 'stale') return { status: 'stale', action, warnings, stale: result.stale }
  if (result.status !== 'done') return { status: result.status, action, warnings, error: result.error }
  return {
    status: 'done',
    action,
    warnings,
    ...(result.group !== undefined && { group: result.group as NormalizedCustomerGroup<TypesOf<Provider>> }),
    response: result.response,
    ...(result.reconciled !== undefined && { reconciled: result.reconciled }),
  }
}

function summarize<Provider>(
  results: ActionResult<Provider>[],
  failedTargets: Extract<TargetPlan<Provider>, { ok: false }>[],
  stopped: Error | undefined,
  stoppedTargets: { target: number; error: Error }[],
): CustomerGroupPlanResult<Provider> {
  const counts: ApplyCounts = {
    done: 0,
    warned: 0,
    failed: 0,
    unknown: 0,
    stale: 0,
    notRun: 0,
    skipped: 0,
  }
  for (const result of results) {
    if (result.status === 'done') {
      counts.done++
      if (result.warnings.length > 0) counts.warned++
    } else if (result.status === 'not-run') counts.notRun++
    else counts[result.status]++
  }
  const ok =
    stopped === undefined &&
    failedTargets.length === 0 &&
    results.every((result) => result.status === 'done' || result.status === 'skipped')
  return { ok, results, counts, failedTargets, stoppedTargets, ...(stopped !== undefined && { stopped }) }
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error))
}
