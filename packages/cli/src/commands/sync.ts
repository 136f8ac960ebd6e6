import { createHash } from 'node:crypto'
import { resolve } from 'node:path'
import {
  type ActionResult,
  applyCustomerGroupPlan,
  type CustomerGroupPlan,
  type CustomerGroupPlanResult,
  isWriteAction,
  type PlanJournal,
  RequestLimiter,
  type TargetPlan,
  type WriteAction,
} from '@customer-groups/client'
import { describeAccount } from '../accounts.js'
import { confirm } from '../confirm.js'
import type { DesiredState } from '../desired-state.js'
import { errorSummary } from '../format.js'
import {
  type JournalState,
  JournalWriter,
  journalBelongs,
  journalVersion,
  type RowWarning,
  readJournalForRun,
  syncJournalTool,
} from '../journal.js'
import type { Output } from '../output.js'
import { actionJson, describeAction, describePlan, describeTarget, planJson } from '../plan-output.js'
import { listProblems } from '../problem-list.js'
import { createProgress } from '../progress.js'
import { type Connection, type ProviderName, shopKey, shopOf } from '../providers.js'
import { journalLockPath, RunLocks, shopLockPath } from '../run-lock.js'
import { safeJson, safeText } from '../terminal-text.js'
import { InputError, UsageError } from '../usage-error.js'
import { concurrencyFlag } from './concurrency-flag.js'
import {
  type PlanningFlags,
  planTargets,
  type ResolvedTarget,
  resolveTargets,
  targetLimits,
} from './planning.js'

export interface SyncFlags extends PlanningFlags {
  yes?: boolean | undefined
  json?: boolean | undefined
  concurrency?: string | undefined
  journal?: string | undefined
  forceResume?: boolean | undefined
  /** Let `--prune` delete groups whose names nearly match desired ones. */
  allowNearMatches?: boolean | undefined
}

/**
 * The 16 hex digits an action has in the journal: a hash of what it does to
 * which group of which shop ({@link shopOf}: provider, credential id and base
 * URL), and of the group as the plan found it, so that an action done on one
 * shop is never taken as done on another, nor on a group that changed since.
 */
export function journalKey(action: WriteAction, shop: string): string {
  return createHash('sha256').update(`${shop}\0${action.key}`).digest('hex').slice(0, 16)
}

/**
 * `customer-groups sync FILE`: plans as `plan` does, shows the plan, asks
 * (or takes `--yes`), then sends only what differs, on the same write engine,
 * journal rule, limits and escaping as `apply`. The journal and every shop
 * are locked for the whole run, planning included. A run cut short is
 * resumed by the next one: it plans afresh, and a create the journal says
 * was started or done is looked up by name before it is sent.
 */
export async function syncCommand(
  file: string,
  flags: SyncFlags,
  connection: Connection,
  output: Output,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  const concurrency = concurrencyFlag(flags.concurrency)
  // Refused before anything is sent, not after the list calls.
  const input = output.prompt?.input ?? process.stdin
  if (flags.yes !== true && input.isTTY !== true)
    throw new UsageError('sync changes the shops and there is no terminal to ask: pass --yes to go ahead')
  const journalPath = flags.journal ?? `${file}.sync-journal.jsonl`
  const command = `customer-groups sync ${file}`
  const notice = (text: string) => output.err(safeText(text))
  const locks = await RunLocks.acquire(
    [{ path: journalLockPath(journalPath), what: `the journal ${journalPath}` }],
    command,
    notice,
  )
  try {
    const journal = await readJournalForRun(journalPath, syncJournalTool, false)
    const { state, targets } = resolveTargets(file, flags, connection, env)
    const foreign = journalBelongs(journal.previous, state.identity, journalPath, flags.forceResume === true)
    const problems = [...journal.problems, ...(foreign === undefined ? [] : [foreign])]
    if (problems.length > 0) throw new InputError(`${file}: nothing was sent:\n${listProblems(problems)}`)
    await locks.add(await shopLocks(targets, env), command, notice)
    const limiter = new RequestLimiter()
    const plan = await planTargets(file, state, targets, flags, limiter)
    const print = (text: string) => (flags.json === true ? output.err(text) : output.out(text))
    print(describePlan(plan, file).join('\n'))
    const writes = plan.actions.filter(isWriteAction)
    refuseNearMatches(file, writes, flags)
    if (writes.length === 0) {
      print(
        `\n${plan.failedTargets > 0 ? 'Nothing sent.' : 'Nothing to change: every target matches the file.'}`,
      )
      if (flags.json === true)
        output.out(safeJson({ ok: plan.failedTargets === 0, plan: planJson(plan), results: [] }))
      return plan.failedTargets > 0 ? 1 : 0
    }
    const question = `\nApply ${writes.length} change(s) to ${new Set(writes.map((action) => action.target)).size} target(s)?`
    if (!(await confirm(question, { yes: flags.yes === true, ...output.prompt }))) {
      output.err('Nothing was changed.')
      return 1
    }
    const context = { file, flags, state, targets, plan, limiter, journalPath, concurrency, output, print }
    return await applySync(context, journal.previous)
  } finally {
    await locks.release()
  }
}

/**
 * With `--prune`, a group whose name nearly matches a desired one is most
 * likely the group the file means, spelled otherwise: deleting it loses its
 * customers' grouping. Refused (exit 2, nothing sent) without `--allow-near-matches`.
 */
function refuseNearMatches(file: string, writes: readonly WriteAction[], flags: SyncFlags): void {
  const nearMatches = writes.flatMap((action) =>
    action.type === 'delete' && action.nearMatch !== undefined
      ? [{ ...action, nearMatch: action.nearMatch }]
      : [],
  )
  if (nearMatches.length === 0 || flags.allowNearMatches === true) return
  const lines = nearMatches.map((action) =>
    safeText(
      `${describeAccount(action.providerId as ProviderName, action.account)}: ${JSON.stringify(action.name)} (id ${action.id}) nearly matches ${JSON.stringify(action.nearMatch)}`,
    ),
  )
  throw new InputError(
    `${file}: --prune would delete ${nearMatches.length} group(s) whose names nearly match desired ones; nothing was sent:\n${listProblems(lines)}\n  Rename one of each pair, or pass --allow-near-matches to delete them anyway.`,
  )
}

interface SyncContext {
  file: string
  flags: SyncFlags
  state: DesiredState
  targets: ResolvedTarget[]
  plan: CustomerGroupPlan
  limiter: RequestLimiter
  journalPath: string
  concurrency: number
  output: Output
  print: (text: string) => void
}

async function shopLocks(targets: readonly ResolvedTarget[], env: NodeJS.ProcessEnv) {
  const shops = new Map(targets.map((target) => [shopKey(target.resolved), target] as const))
  return Promise.all(
    [...shops.keys()].sort().map(async (shop) => {
      const target = shops.get(shop) as ResolvedTarget
      return {
        path: await shopLockPath(shop, env),
        what: `the shop of ${describeTarget({ providerId: target.provider, ...(target.account !== undefined && { account: target.account }) })}`,
      }
    }),
  )
}

/** Sends the plan through the journal, with progress, Ctrl-C handling, and the summary. */
async function applySync(context: SyncContext, previous: JournalState | undefined): Promise<number> {
  const { plan, journalPath, output } = context
  const run = (previous?.lastRun ?? 0) + 1
  let journal: JournalWriter
  try {
    journal =
      previous === undefined
        ? await JournalWriter.create(journalPath, {
            journal: syncJournalTool,
            version: journalVersion,
            created: new Date().toISOString(),
            file: context.state.identity,
          })
        : await JournalWriter.reopen(journalPath, previous)
    journal.append({
      run,
      at: new Date().toISOString(),
      file: context.state.identity,
      concurrency: context.concurrency,
    })
    await journal.flush()
  } catch (error) {
    throw new InputError(`Cannot write the journal ${journalPath}: ${(error as Error).message}`)
  }
  const writes = plan.actions.filter(isWriteAction)
  const progress = createProgress(writes.length, output.progressStream)
  const counts = { done: 0, warned: 0, failed: 0, remaining: writes.length }
  const stop = new AbortController()
  const abort = new AbortController()
  const onSignal = () => {
    if (stop.signal.aborted) {
      progress.note('Aborting the changes in flight; their outcome will be unknown.')
      abort.abort()
      return
    }
    stop.abort()
    progress.note('Stopping: no new change starts; the ones in flight finish (Ctrl-C again aborts them).')
  }
  process.on('SIGINT', onSignal)
  process.on('SIGTERM', onSignal)
  const flusher = setInterval(() => journal.flush().catch(() => stop.abort()), 500)
  flusher.unref()
  let result: CustomerGroupPlanResult
  try {
    result = await applyCustomerGroupPlan(plan, {
      concurrency: context.concurrency,
      limiter: context.limiter,
      sharedLimits: (target) => targetLimits(context.targets, target.index),
      stop: stop.signal,
      signal: abort.signal,
      journal: recorder(context, journal, previous),
      onResult(entry) {
        if (entry.status === 'skipped') return
        counts.remaining--
        if (entry.status === 'done') {
          counts.done++
          if (entry.warnings.length > 0) counts.warned++
        } else counts.failed++
        const target = plan.targets[entry.action.target] as TargetPlan
        progress.row(
          describeResult(target, entry),
          entry.status !== 'done' || entry.warnings.length > 0,
          counts,
        )
      },
    })
  } finally {
    clearInterval(flusher)
    process.off('SIGINT', onSignal)
    process.off('SIGTERM', onSignal)
  }
  let stopped = result.stopped
  try {
    journal.append({ end: run, at: new Date().toISOString(), counts: { ...result.counts } })
    await journal.close()
  } catch (error) {
    stopped ??= error as Error
  }
  progress.stop()
  return summarizeSync(context, result, stopped)
}

/** The journal as the plan's executor sees it: each action's start and end, and what earlier runs did. */
function recorder(
  context: SyncContext,
  journal: JournalWriter,
  previous: JournalState | undefined,
): PlanJournal {
  const { state, targets } = context
  const groupLine = new Map<string, number>()
  state.groups.forEach((group, index) => {
    const name = (group as { name?: unknown } | null)?.name
    if (typeof name === 'string' && !groupLine.has(name)) groupLine.set(name, state.groupLines[index] ?? 1)
  })
  const keyOf = (action: WriteAction) =>
    journalKey(action, shopOf((targets[action.target] as ResolvedTarget).resolved))
  const lineOf = (action: WriteAction) =>
    (action.type === 'delete' ? undefined : groupLine.get(action.name)) ??
    (targets[action.target] as ResolvedTarget).line
  const about = (action: WriteAction) => ({
    provider: action.providerId,
    ...(action.account !== undefined && { account: action.account }),
    action: action.type,
    ...('id' in action && { id: action.id }),
    name: action.name,
  })
  return {
    previous(action) {
      const outcome = previous?.outcomes.get(keyOf(action))
      return outcome === 'done' ? 'done' : outcome === 'unknown' ? 'started' : undefined
    },
    async starting(actions) {
      for (const action of actions)
        journal.append({ start: keyOf(action), line: lineOf(action), ...about(action) })
      await journal.flush()
    },
    finished(result) {
      const key = keyOf(result.action)
      const line = lineOf(result.action)
      if (result.status === 'done') {
        const warnings: RowWarning[] = result.warnings.map((warning) => ({
          type: warning.type,
          ...(warning.field !== undefined && { field: warning.field }),
          message: warning.message,
        }))
        journal.append({ done: key, line, ...(warnings.length > 0 && { warnings }) })
      } else if (result.status === 'failed')
        journal.append({ failed: key, line, error: errorSummary(result.error) })
      else if (result.status === 'unknown')
        journal.append({ aborted: key, line, error: errorSummary(result.error) })
      else if (result.status === 'not-run' && result.reason !== undefined)
        journal.append({ notRun: key, line, ...about(result.action), reason: result.reason.message })
    },
  }
}

function summarizeSync(
  context: SyncContext,
  result: CustomerGroupPlanResult,
  stopped: Error | undefined,
): number {
  const { plan, journalPath, flags, output, print } = context
  const { counts: totals } = result
  const lines = [
    '',
    `Sync: ${totals.done} done (${totals.warned} with warnings), ${totals.failed} failed, ${totals.unknown} outcome unknown, ${totals.notRun} not run${totals.skipped > 0 ? `, ${totals.skipped} skipped (done by an earlier run)` : ''}.`,
  ]
  for (const { target, error } of result.stoppedTargets)
    lines.push(
      `Stopped sending to ${describeTarget(plan.targets[target] as TargetPlan)}: it refused the credential (${safeText(error.message)}), so its remaining changes were not sent.`,
    )
  if (stopped !== undefined) lines.push(`Stopped: ${safeText(stopped.message)}`)
  const attention = result.results.filter((entry) => entry.status !== 'done' && entry.status !== 'skipped')
  if (attention.length > 0) {
    lines.push('Needs attention:')
    for (const entry of attention.slice(0, 20))
      lines.push(`  ${describeResult(plan.targets[entry.action.target] as TargetPlan, entry)}`)
    if (attention.length > 20) lines.push(`  … and ${attention.length - 20} more (see ${journalPath})`)
  }
  if (plan.failedTargets > 0)
    lines.push(`${plan.failedTargets} target(s) could not be planned and got nothing.`)
  lines.push(`Journal: ${journalPath}`)
  print(lines.join('\n'))
  const ok = result.ok && stopped === undefined
  if (flags.json === true)
    output.out(
      safeJson({
        ok,
        journal: resolve(journalPath),
        counts: totals,
        plan: planJson(plan),
        results: result.results.map((entry) => ({
          status: entry.status,
          provider: entry.action.providerId,
          ...(entry.action.account !== undefined && { account: entry.action.account }),
          ...actionJson(entry.action),
          warnings: entry.warnings,
          ...('error' in entry && { error: errorSummary(entry.error) }),
          ...(entry.status === 'not-run' && entry.reason !== undefined && { reason: entry.reason.message }),
          ...(entry.status === 'done' &&
            entry.reconciled !== undefined && { reconciled: entry.reconciled.how }),
        })),
      }),
    )
  return ok ? 0 : 1
}

function describeResult(target: TargetPlan, result: ActionResult): string {
  const what = `${describeTarget(target)}: ${describeAction(result.action)}`
  switch (result.status) {
    case 'done':
      return `done ${what}${result.warnings.length > 0 ? `, ${result.warnings.length} warning(s): ${result.warnings.map((warning) => safeText(warning.message)).join('; ')}` : ''}`
    case 'failed':
      return `failed ${what}: ${safeText(result.error.message)}`
    case 'unknown':
      return `outcome unknown ${what}: ${safeText(result.error.message)}`
    case 'not-run':
      return `not run ${what}${result.reason === undefined ? '' : `: ${safeText(result.reason.message)}`}`
    case 'skipped':
      return `skipped ${what} (done by an earlier run)`
  }
}
