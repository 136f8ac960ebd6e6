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
import { type PlanningFlags, type ResolvedTarget, targetLimits } from './planning.js'
import { desiredSource, planFileSource, type SyncSource } from './sync-sources.js'

export interface SyncFlags extends PlanningFlags {
  yes?: boolean | undefined
  json?: boolean | undefined
  concurrency?: string | undefined
  journal?: string | undefined
  forceResume?: boolean | undefined
  /** Let `--prune` delete groups whose names nearly match desired ones. */
  allowNearMatches?: boolean | undefined
  /** `--plan PLAN.json`: apply this saved plan instead of planning a desired-state file. */
  plan?: string | undefined
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
 * journal rule, limits and escaping as `apply`. `sync --plan PLAN.json`
 * applies a plan saved by `plan --out` instead, only on the shops it was made
 * for. Either way each target is listed once more before anything is sent,
 * and what changed since the plan is `stale`, not sent (exit 1). The journal
 * and every shop are locked for the whole run, planning included. A run cut
 * short is resumed by the next one.
 */
export async function syncCommand(
  file: string | undefined,
  flags: SyncFlags,
  connection: Connection,
  output: Output,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  if ((file === undefined) === (flags.plan === undefined))
    throw new UsageError('sync takes a DESIRED file or --plan PLAN.json (one of them)')
  if (flags.plan !== undefined && flags.prune === true)
    throw new UsageError('--prune goes with plan --out: a saved plan already says whether it deletes')
  const concurrency = concurrencyFlag(flags.concurrency)
  // Refused before anything is sent, not after the list calls.
  const input = output.prompt?.input ?? process.stdin
  if (flags.yes !== true && input.isTTY !== true)
    throw new UsageError('sync changes the shops and there is no terminal to ask: pass --yes to go ahead')
  const path = flags.plan ?? (file as string)
  const journalPath = flags.journal ?? `${path}.sync-journal.jsonl`
  const command =
    flags.plan === undefined ? `customer-groups sync ${path}` : `customer-groups sync --plan ${path}`
  const notice = (text: string) => output.err(safeText(text))
  const locks = await RunLocks.acquire(
    [{ path: journalLockPath(journalPath), what: `the journal ${journalPath}` }],
    command,
    notice,
  )
  try {
    const journal = await readJournalForRun(journalPath, syncJournalTool, false)
    const source =
      flags.plan === undefined
        ? desiredSource(path, flags, connection, env)
        : planFileSource(path, flags, connection, env)
    const foreign = journalBelongs(journal.previous, source.identity, journalPath, flags.forceResume === true)
    const problems = [...journal.problems, ...(foreign === undefined ? [] : [foreign])]
    if (problems.length > 0) throw new InputError(`${path}: nothing was sent:\n${listProblems(problems)}`)
    await locks.add(await shopLocks(source.targets, env), command, notice)
    const limiter = new RequestLimiter()
    const plan = await source.plan(limiter)
    const print = (text: string) => (flags.json === true ? output.err(text) : output.out(text))
    print(describePlan(plan, path).join('\n'))
    const writes = plan.actions.filter(isWriteAction)
    refuseNearMatches(path, writes, flags)
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
    const context = { flags, source, plan, limiter, journalPath, concurrency, output, print }
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
  flags: SyncFlags
  source: SyncSource
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
            file: context.source.identity,
          })
        : await JournalWriter.reopen(journalPath, previous)
    journal.append({
      run,
      at: new Date().toISOString(),
      file: context.source.identity,
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
      sharedLimits: (target) => targetLimits(context.source.targets, target.index),
      stop: stop.signal,
      signal: abort.signal,
      journal: recorder(context, journal, previous),
      onResult(entry) {
        if (entry.status === 'skipped') {
          counts.remaining--
          return
        }
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
  const { targets, groupLines: groupLine } = context.source
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
      else if (result.status === 'stale')
        journal.append({
          stale: key,
          line,
          kind: result.stale.kind,
          message: result.stale.message,
          changes: result.stale.changes.map((change) => ({ ...change })),
        })
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
    `Sync: ${totals.done} done (${totals.warned} with warnings), ${totals.failed} failed, ${totals.stale} stale, ${totals.unknown} outcome unknown, ${totals.notRun} not run${totals.skipped > 0 ? `, ${totals.skipped} skipped (done by an earlier run)` : ''}.`,
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
  if (totals.stale > 0)
    lines.push(
      `${totals.stale} change(s) were not sent: their groups changed since the plan. Look at what changed, then plan again.`,
    )
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
          ...(entry.status === 'stale' && {
            stale: { kind: entry.stale.kind, message: entry.stale.message, changes: entry.stale.changes },
          }),
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
    case 'stale':
      return `stale ${what}: not sent, ${safeText(result.stale.message)}`
  }
}
