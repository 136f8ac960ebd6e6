import { createHash } from 'node:crypto'
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import {
  type ActionResult,
  applyCustomerGroupPlan,
  isWriteAction,
  type PlanJournal,
  type SharedLimit,
  type TargetPlan,
  type TargetRef,
  type WriteAction,
} from '@customer-groups/client'
import { describeAccount } from '../accounts.js'
import { confirm } from '../confirm.js'
import { errorSummary } from '../format.js'
import {
  type JournalState,
  JournalWriter,
  journalVersion,
  type RowWarning,
  readJournal,
  syncJournalTool,
} from '../journal.js'
import type { Output } from '../output.js'
import { actionJson, describeAction, describePlan, describeTarget, planJson } from '../plan-output.js'
import { listProblems } from '../problem-list.js'
import { createProgress } from '../progress.js'
import { type Connection, limitsOf, type ProviderName, shopOf } from '../providers.js'
import { writableFileProblem } from '../secure-file.js'
import { safeJson, safeText } from '../terminal-text.js'
import { InputError, UsageError } from '../usage-error.js'
import { concurrencyFlag } from './concurrency-flag.js'
import { type PlanningFlags, preparePlan, type ResolvedTarget } from './planning.js'

export interface SyncFlags extends PlanningFlags {
  yes?: boolean | undefined
  json?: boolean | undefined
  concurrency?: string | undefined
  journal?: string | undefined
  /** Let `--prune` delete groups whose names nearly match desired ones. */
  allowNearMatches?: boolean | undefined
}

/**
 * The 16 hex digits an action has in the journal: a hash of what it does to
 * which group of which shop ({@link shopOf}: provider, credential id and base
 * URL), so that an action done on one shop is never taken as done on another
 * that the same file is synced to with other credentials or another base URL.
 */
export function journalKey(action: WriteAction, shop: string): string {
  return createHash('sha256').update(`${shop}\0${action.key}`).digest('hex').slice(0, 16)
}

/**
 * `customer-groups sync FILE`: plans as `plan` does, shows the plan, asks
 * (or takes `--yes`), then sends only what differs, through the same
 * journal, limits and escaping as `apply`. The journal is appended to by
 * every run; a run cut short (killed, Ctrl-C) is resumed by the next one,
 * which does not send again what it recorded done.
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
  const journalExists = existsSync(journalPath)
  const journalProblem = await writableFileProblem(journalPath, false)
  if (journalProblem !== undefined) throw new InputError(`The journal ${journalPath}: ${journalProblem}`)
  const previous: JournalState | undefined = journalExists
    ? await readJournal(journalPath, syncJournalTool)
    : undefined

  const { state, targets, plan } = await preparePlan(file, flags, connection, env)
  const print = (text: string) => (flags.json === true ? output.err(text) : output.out(text))
  print(describePlan(plan, file).join('\n'))
  const writes = plan.actions.filter(isWriteAction)
  const nearMatches = writes.flatMap((action) =>
    action.type === 'delete' && action.nearMatch !== undefined
      ? [{ ...action, nearMatch: action.nearMatch }]
      : [],
  )
  if (nearMatches.length > 0 && flags.allowNearMatches !== true) {
    // Most likely the group the file means, spelled otherwise: deleting it loses its customers' grouping.
    const lines = nearMatches.map((action) =>
      safeText(
        `${describeAccount(action.providerId as ProviderName, action.account)}: ${JSON.stringify(action.name)} (id ${action.id}) nearly matches ${JSON.stringify(action.nearMatch)}`,
      ),
    )
    throw new InputError(
      `${file}: --prune would delete ${nearMatches.length} group(s) whose names nearly match desired ones; nothing was sent:\n${listProblems(lines)}\n  Rename one of each pair, or pass --allow-near-matches to delete them anyway.`,
    )
  }
  if (writes.length === 0) {
    const message =
      plan.failedTargets > 0 ? 'Nothing sent.' : 'Nothing to change: every target matches the file.'
    print(`\n${message}`)
    if (flags.json === true)
      output.out(safeJson({ ok: plan.failedTargets === 0, plan: planJson(plan), results: [] }))
    return plan.failedTargets > 0 ? 1 : 0
  }
  const question = `\nApply ${writes.length} change(s) to ${new Set(writes.map((action) => action.target)).size} target(s)?`
  if (!(await confirm(question, { yes: flags.yes === true, ...output.prompt }))) {
    output.err('Nothing was changed.')
    return 1
  }

  // The journal: created private and exclusive, or appended to; a record cut short by a crash is dropped.
  const resumed = previous?.doneSinceLastEnd ?? new Set<string>()
  let journal: JournalWriter
  const run = (previous?.lastRun ?? 0) + 1
  try {
    journal =
      previous === undefined
        ? await JournalWriter.create(journalPath, {
            journal: syncJournalTool,
            version: journalVersion,
            created: new Date().toISOString(),
            file: state.identity,
          })
        : await JournalWriter.reopen(journalPath, previous)
    journal.append({ run, at: new Date().toISOString(), file: state.identity, concurrency })
    await journal.flush()
  } catch (error) {
    throw new InputError(`Cannot write the journal ${journalPath}: ${(error as Error).message}`)
  }

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
  const recorder: PlanJournal = {
    previous: (action) => (resumed.has(keyOf(action)) ? 'done' : undefined),
    async starting(actions) {
      for (const action of actions) {
        journal.append({
          start: keyOf(action),
          line: lineOf(action),
          provider: action.providerId,
          ...(action.account !== undefined && { account: action.account }),
          action: action.type,
          ...('id' in action && { id: action.id }),
          name: action.name,
        })
      }
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
      else if (result.status === 'unknown') journal.append({ aborted: key, line })
    },
  }

  // The registry's limits: per credential and per source IP, shared by the targets they cover.
  const sharedLimits = (target: TargetRef): SharedLimit[] => {
    const resolved = targets[target.index] as ResolvedTarget
    const { perCredential, perSourceIp } = limitsOf(resolved.provider)
    const limits: SharedLimit[] = []
    if (perCredential !== undefined)
      limits.push({
        name: `${resolved.provider} credential ${resolved.resolved.credentialId ?? target.index}`,
        max: perCredential,
      })
    if (perSourceIp !== undefined)
      limits.push({ name: `${resolved.provider} (all accounts)`, max: perSourceIp })
    return limits
  }

  const toSend = writes.filter((action) => !resumed.has(keyOf(action))).length
  const progress = createProgress(toSend, output.progressStream)
  const counts = { done: 0, warned: 0, failed: 0, remaining: toSend }
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
  const flusher = setInterval(() => {
    journal.flush().catch(() => stop.abort())
  }, 500)
  flusher.unref()
  let result: Awaited<ReturnType<typeof applyCustomerGroupPlan>>
  try {
    result = await applyCustomerGroupPlan(plan, {
      concurrency,
      sharedLimits,
      stop: stop.signal,
      signal: abort.signal,
      journal: recorder,
      onResult(entry) {
        counts.remaining--
        if (entry.status === 'done') {
          counts.done++
          if (entry.warnings.length > 0) counts.warned++
        } else counts.failed++
        progress.row(
          describeResult(plan.targets[entry.action.target] as TargetPlan, entry),
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

  const { counts: totals } = result
  const lines = [
    '',
    `Sync: ${totals.done} done (${totals.warned} with warnings), ${totals.failed} failed, ${totals.unknown} outcome unknown, ${totals.notRun} not run${totals.skipped > 0 ? `, ${totals.skipped} skipped (done by the interrupted run this one resumed)` : ''}.`,
  ]
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
      return `aborted ${what}: outcome unknown`
    case 'not-run':
      return `not run ${what}`
    case 'skipped':
      return `skipped ${what} (done by an earlier run)`
  }
}
