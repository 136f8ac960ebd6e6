import type { CallOptions, NormalizedCustomerGroup } from '@customer-groups/runtime'
import { callOptionsOf } from '@customer-groups/runtime'
import {
  type ActionResult,
  type CustomerGroupPlan,
  isWriteAction,
  type TargetPlan,
  type WriteAction,
} from './customer-group-plan.js'
import { executeWrites, type WriteItem, type WriteLane, type WriteResult } from './execute-writes.js'
import type { TargetRef } from './plan-customer-groups.js'
import type { PlanJournal, PreviousOutcome } from './plan-journal.js'
import type { RequestLimiter, SharedLimit } from './request-limiter.js'
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
}

export interface ApplyCounts {
  done: number
  /** Done, with warnings. */
  warned: number
  failed: number
  unknown: number
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
  /** Targets whose shop refused the credential (401, 403) during the run: their remaining actions are `not-run`. */
  stoppedTargets: { target: number; error: Error }[]
  /** Why the run stopped before its end (the journal failed, bad options), when it did. */
  stopped?: Error
}

interface PlanItem extends WriteItem {
  index: number
}

/**
 * Carries a plan out on the client's one write engine: at most `concurrency`
 * writes in flight per target and within `sharedLimits`, each with the
 * client's own retries. A create whose answer is lost is settled by looking
 * its name up; an update of a provider whose update replaces the whole group
 * reads the group first and is not sent if it changed since the plan
 * (`GroupChangedError`); a target whose shop refuses the credential gets
 * nothing more. Never rejects: each action gets its own result. With a
 * journal, each action's start is recorded before it is sent, and a resumed
 * create is looked up by name before it is sent again.
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
  const byTarget = new Map<number, PlanItem[]>()
  let stopped: Error | undefined
  writes.forEach((action, index) => {
    let previous: PreviousOutcome | undefined
    try {
      previous = journal?.previous?.(action as WriteAction)
    } catch (error) {
      stopped ??= asError(error)
    }
    if (previous === 'done' && provablyDone(action)) {
      results[index] = { status: 'skipped', action, warnings: [...action.warnings] }
      return
    }
    const items = byTarget.get(action.target) ?? []
    const provider = (plan.targets[action.target] as TargetPlan).provider as AnyProvider
    const replaces = provider.capabilities.operations.update?.mode === 'replace'
    items.push({ index, group: action.key, write: plannedWrite(action, previous, replaces) })
    byTarget.set(action.target, items)
  })
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
          limiter: options.limiter,
          stop: options.stop,
          starting: (items) => journal?.starting?.(items.map((item) => writes[item.index] as WriteAction)),
          async settled(result) {
            const settled = actionResult(writes[result.item.index] as WriteAction<Provider>, result)
            results[result.item.index] = settled
            await journal?.finished?.(settled as ActionResult)
            options.onResult?.(settled as ActionResult)
          },
        })
      : { stopped, stoppedShops: [] }
  return summarize(
    results,
    failedTargets,
    run.stopped,
    run.stoppedShops.map(({ lane, error }) => ({
      target: targetsOfLanes[lane] as number,
      error,
    })),
  )
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
  if (action.type === 'delete') return { type: 'delete', id: action.id }
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
  const counts: ApplyCounts = { done: 0, warned: 0, failed: 0, unknown: 0, notRun: 0, skipped: 0 }
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
