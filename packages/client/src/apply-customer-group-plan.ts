import type { CallOptions, NormalizedCustomerGroup } from '@customer-groups/runtime'
import { APIUserAbortError, callOptionsOf, InvalidArgumentError } from '@customer-groups/runtime'
import {
  type ActionResult,
  type CustomerGroupPlan,
  isWriteAction,
  type TargetPlan,
  type WriteAction,
} from './customer-group-plan.js'
import { createCustomerGroup, deleteCustomerGroup, updateCustomerGroup } from './operations.js'
import type { PlanJournal } from './plan-journal.js'
import type { AnyProvider, TypesOf } from './types.js'

/** A limit several targets share, e.g. a provider's limit per source IP address. */
export interface SharedLimit {
  /** Targets naming the same limit share it. */
  name: string
  /** Requests in flight at once under it. */
  max: number
}

export interface ApplyCustomerGroupPlanOptions extends CallOptions {
  /**
   * Requests in flight at once per target (default 3, as `customer-groups
   * apply`). A provider's own limit per credential applies on top, in its client.
   */
  concurrency?: number | undefined
  /** Limits a target shares with others, e.g. `[{ name: 'shoptet per IP', max: 50 }]` for every Shoptet target. */
  sharedLimits?: ((target: TargetPlan) => readonly SharedLimit[]) | undefined
  /** Once aborted, no further action starts; those in flight finish. `signal` aborts those too. */
  stop?: AbortSignal | undefined
  /** Records each action's start and end, and says which are done already (resume). */
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
  /** Why the run stopped before its end (the journal failed, bad options), when it did. */
  stopped?: Error
}

/**
 * Carries a plan out: creates, updates and deletes, at most `concurrency` in
 * flight per target and within `sharedLimits`, each with the client's own
 * retries and nothing more. Never rejects: each action gets its own result,
 * a failure included (a Shoptet refusal to delete its default group is that
 * action's `failed`). With a journal, each action's start is recorded before
 * it is sent and done actions are skipped.
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
  let stopped: Error | undefined
  const concurrency = options.concurrency ?? 3
  if (!Number.isSafeInteger(concurrency) || concurrency < 1)
    stopped = new InvalidArgumentError('applyCustomerGroupPlan', [
      { field: 'concurrency', code: 'minimum', message: 'must be a whole number from 1' },
    ])

  const { journal } = options
  const queue: number[] = []
  writes.forEach((action, index) => {
    let done = false
    try {
      done = journal?.isDone?.(action as WriteAction) === true
    } catch (error) {
      stopped ??= asError(error)
    }
    if (done) results[index] = { status: 'skipped', action, warnings: [...action.warnings] }
    else queue.push(index)
  })

  const limits = new Map<string, { max: number; active: number }>()
  const limitsOf = (action: WriteAction<Provider>) => {
    const target = plan.targets[action.target] as TargetPlan
    const wanted = [
      { name: `\0target ${action.target}`, max: concurrency },
      ...(options.sharedLimits?.(target) ?? []),
    ]
    return wanted.map(({ name, max }) => {
      let limit = limits.get(name)
      if (limit === undefined) {
        limit = { max: Math.max(1, max), active: 0 }
        limits.set(name, limit)
      }
      return limit
    })
  }
  const call = callOptionsOf(options)

  const halted = () =>
    stopped !== undefined || options.stop?.aborted === true || options.signal?.aborted === true
  let inFlight = 0
  await new Promise<void>((resolve) => {
    const pump = () => {
      if (!halted()) {
        const batch: number[] = []
        for (let at = 0; at < queue.length; ) {
          const index = queue[at] as number
          const needed = limitsOf(writes[index] as WriteAction<Provider>)
          if (needed.every((limit) => limit.active < limit.max)) {
            for (const limit of needed) limit.active++
            batch.push(index)
            queue.splice(at, 1)
          } else at++
        }
        if (batch.length > 0) void start(batch)
      }
      if (inFlight === 0 && (halted() || queue.length === 0)) resolve()
    }
    const release = (index: number) => {
      for (const limit of limitsOf(writes[index] as WriteAction<Provider>)) limit.active--
      inFlight--
    }
    const start = async (batch: number[]) => {
      inFlight += batch.length
      try {
        await journal?.starting?.(batch.map((index) => writes[index] as WriteAction))
      } catch (error) {
        stopped ??= asError(error)
        for (const index of batch) release(index)
        pump()
        return
      }
      for (const index of batch) {
        void send(writes[index] as WriteAction<Provider>).then(async (result) => {
          results[index] = result
          try {
            await journal?.finished?.(result as ActionResult)
          } catch (error) {
            stopped ??= asError(error)
          }
          options.onResult?.(result as ActionResult)
          release(index)
          pump()
        })
      }
    }
    pump()
  })

  async function send(action: WriteAction<Provider>): Promise<ActionResult<Provider>> {
    const target = plan.targets[action.target] as TargetPlan
    const provider = target.provider as AnyProvider
    const planned = [...action.warnings]
    try {
      if (action.type === 'delete') {
        const result = await deleteCustomerGroup({ provider, id: action.id, ...call })
        return {
          status: 'done',
          action,
          warnings: [...planned, ...result.warnings],
          response: result.response,
        }
      }
      const { request } = action
      const fields = {
        provider,
        ...(request.name !== undefined && { name: request.name }),
        ...(request.description !== undefined && { description: request.description }),
        ...(request.providerOptions !== undefined && { providerOptions: request.providerOptions as never }),
        ...call,
      }
      const result =
        action.type === 'create'
          ? await createCustomerGroup({ ...fields, name: request.name ?? action.name })
          : await updateCustomerGroup({ ...fields, id: action.id })
      return {
        status: 'done',
        action,
        warnings: [...planned, ...result.warnings],
        group: result.group as NormalizedCustomerGroup<TypesOf<Provider>>,
        response: result.response,
      }
    } catch (error) {
      const status =
        APIUserAbortError.isInstance(error) && options.signal?.aborted === true ? 'unknown' : 'failed'
      return { status, action, warnings: planned, error: asError(error) }
    }
  }

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
  return { ok, results, counts, failedTargets, ...(stopped !== undefined && { stopped }) }
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error))
}
