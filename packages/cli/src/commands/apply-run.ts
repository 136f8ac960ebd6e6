import {
  executeWrites,
  type PlannedWrite,
  RequestLimiter,
  type WriteItem,
  type WriteLane,
  type WriteResult,
} from '@customer-groups/client'
import type { Accounts } from '../accounts.js'
import { describeAccount } from '../accounts.js'
import { describeWarning, errorSummary } from '../format.js'
import type { ChangeSource } from '../input/source.js'
import type { JournalState, JournalWriter, RowWarning } from '../journal.js'
import { registryLimits } from '../limits.js'
import type { Output } from '../output.js'
import { createProgress } from '../progress.js'
import { type Change, changeHash, checkRow, groupOf, rowKey } from '../rows.js'
import { safeText } from '../terminal-text.js'
import { type ApplyCheck, describeRow, keyOfRow, maxSummaryLines } from './apply-check.js'

/** A row loaded for sending: the write it makes, and what the journal and the summary name it by. */
interface RowItem extends WriteItem {
  index: number
  line: number
  key: string
  change: Change
}

/** What the rows of a run came to. */
export interface ApplyRun {
  done: number
  warned: number
  failed: number
  unknown: number
  notRun: number
  resent: number
  failedLines: string[]
  warnedLines: string[]
  /** Each account whose shop refused the credential, and what it said. */
  stoppedShops: { shop: string; error: string }[]
  /** Why the run stopped early (the journal could not be written, the file changed). */
  fatal?: Error
}

export interface ApplyRunContext {
  file: string
  source: ChangeSource
  check: ApplyCheck
  accounts: Accounts
  concurrency: number
  journal: JournalWriter
  previous: JournalState | undefined
  output: Output
}

/**
 * Pass 2 of `apply`: reads the rows again and sends them on the client's
 * write engine, one lane per account: rows of one group in file order (a row
 * that does not end done stops the later rows of its group), an account that
 * refuses its credential stopped at once, within every limit of the registry.
 * Each row's start is durable in the journal before its request leaves.
 */
export async function runApplyRows(context: ApplyRunContext): Promise<ApplyRun> {
  const { check, journal, previous } = context
  const run: ApplyRun = {
    done: 0,
    warned: 0,
    failed: 0,
    unknown: 0,
    notRun: 0,
    resent: 0,
    failedLines: [],
    warnedLines: [],
    stoppedShops: [],
  }
  const toSend = check.rowCount - check.skipped - check.superseded
  const progress = createProgress(toSend, context.output.progressStream)
  const counts = () => ({
    done: run.done,
    warned: run.warned,
    failed: run.failed + run.unknown + run.notRun,
    remaining: toSend - run.done - run.failed - run.unknown - run.notRun,
  })
  const stop = new AbortController()
  const abort = new AbortController()
  // A row whose end cannot be recorded must not leave: the journal's failure aborts what is in flight.
  const fatal = (error: unknown) => {
    run.fatal ??= error instanceof Error ? error : new Error(String(error))
    abort.abort()
    throw run.fatal
  }
  const onSignal = signalHandler(stop, abort, (text) => progress.note(text))
  process.on('SIGINT', onSignal)
  process.on('SIGTERM', onSignal)
  const flusher = setInterval(
    () =>
      journal
        .flush()
        .catch(fatal)
        .catch(() => {}),
    500,
  )
  flusher.unref()
  const lanes = [...check.plans.entries()].map(([name, plan]) => {
    const resolved = context.accounts.resolve(plan.provider, plan.account)
    return rowLane(
      context,
      name,
      plan.rows,
      resolved.client,
      registryLimits(plan.provider, resolved.credentialId, name),
    )
  })
  try {
    const result = await executeWrites<RowItem>({
      lanes,
      concurrency: context.concurrency,
      limiter: new RequestLimiter(),
      stop: stop.signal,
      signal: abort.signal,
      async starting(items) {
        for (const item of items) {
          const { provider, account, id } = item.change
          journal.append({
            start: item.key,
            line: item.line,
            provider,
            ...(account !== undefined && { account }),
            id,
          })
          if (previous?.outcomes.get(item.key) === 'unknown') run.resent++
        }
        await journal.flush().catch(fatal)
      },
      settled(result) {
        const text = record(run, journal, result)
        progress.row(text, result.status !== 'done' || result.warnings.length > 0, counts())
      },
    })
    if (result.stopped !== undefined) run.fatal ??= result.stopped
    for (const { lane, error } of result.stoppedShops) {
      const plan = [...check.plans.values()][lane]
      if (plan !== undefined)
        run.stoppedShops.push({
          shop: describeAccount(plan.provider, plan.account),
          error: safeText(error.message),
        })
    }
  } finally {
    clearInterval(flusher)
    process.off('SIGINT', onSignal)
    process.off('SIGTERM', onSignal)
    progress.stop()
  }
  return run
}

/** One account's rows, read from the file a window at a time; rows a later done row supersedes are left out. */
function rowLane(
  context: ApplyRunContext,
  name: string,
  rows: { values: Uint32Array; count: number },
  client: WriteLane<RowItem>['provider'],
  limits: WriteLane<RowItem>['limits'],
): WriteLane<RowItem> {
  const { check, file } = context
  let cursor = 0
  return {
    provider: client,
    limits,
    async load(max) {
      const indices = rows.values.subarray(cursor, Math.min(cursor + max, rows.count))
      cursor += indices.length
      if (indices.length === 0) return []
      const loaded = await context.source.read(indices)
      const items: RowItem[] = []
      for (const raw of loaded) {
        const line = check.rowLines[raw.index] as number
        const { change } = checkRow(raw, context.accounts, { specChecks: false })
        const key = keyOfRow(check, raw.index)
        if (change === undefined || rowKey(changeHash(change), check.occurrences.get(raw.index) ?? 1) !== key)
          throw new Error(
            `${file}: line ${line} is not what it was when the file was checked; the file changed during the run (${name})`,
          )
        const group = groupOf(change)
        if (raw.index < (check.lastDone.get(group) ?? -1)) continue
        items.push({ index: raw.index, line, key, change, group, write: writeOf(change) })
      }
      // A window of only superseded rows is not the end of the lane.
      return items.length === 0 && cursor < rows.count ? this.load(max) : items
    },
  }
}

/** A row's change as the engine sends it: an update of the fields the row gives. */
function writeOf(change: Change): PlannedWrite {
  return {
    type: 'update',
    id: change.id,
    request: {
      ...(change.name !== undefined && { name: change.name }),
      ...(change.description !== undefined && { description: change.description }),
      ...(change.providerOptions !== undefined && { providerOptions: change.providerOptions }),
    },
  }
}

/** Records a row's end in the journal and the counts; returns its progress line. */
function record(run: ApplyRun, journal: JournalWriter, result: WriteResult<RowItem>): string {
  const { item } = result
  const where = `${describeRow(item.change)} (line ${item.line})`
  const attention = (lines: string[], text: string) => {
    if (lines.length < maxSummaryLines)
      lines.push(`  line ${item.line}: ${describeRow(item.change)}: ${text}`)
  }
  if (result.status === 'done') {
    const warnings: RowWarning[] = result.warnings.map((warning) => ({
      type: warning.type,
      ...(warning.field !== undefined && { field: warning.field }),
      message: warning.message,
    }))
    journal.append({ done: item.key, line: item.line, ...(warnings.length > 0 && { warnings }) })
    run.done++
    if (warnings.length === 0) return `done ${where}`
    run.warned++
    const text = warnings.map(describeWarning).join('; ')
    attention(run.warnedLines, text)
    return `done ${where}, ${warnings.length} warning(s): ${text}`
  }
  if (result.status === 'not-run') {
    const { provider, account, id } = item.change
    const reason = result.reason.message
    journal.append({
      notRun: item.key,
      line: item.line,
      provider,
      ...(account !== undefined && { account }),
      id,
      reason,
    })
    run.notRun++
    // A shop that refused the credential is said once in the summary, not on each of its rows.
    if (result.reason.cause !== 'shop')
      attention(run.failedLines, `not sent: ${safeText(result.reason.message)}`)
    return `not sent ${where}: ${safeText(result.reason.message)}`
  }
  if (result.status === 'stale') {
    // A row of `apply` names no group state to compare, so the engine never finds one stale; were it
    // to, it was not sent, as a failure is not.
    journal.append({
      stale: item.key,
      line: item.line,
      kind: result.stale.kind,
      message: result.stale.message,
    })
    run.failed++
    attention(run.failedLines, `stale: ${safeText(result.stale.message)}`)
    return `stale ${where}: ${safeText(result.stale.message)}`
  }
  const error = errorSummary(result.error)
  if (result.status === 'unknown') {
    journal.append({ aborted: item.key, line: item.line, error })
    run.unknown++
    attention(run.failedLines, `outcome unknown: ${safeText(error.message)}`)
    return `outcome unknown ${where}: ${safeText(error.message)}`
  }
  journal.append({ failed: item.key, line: item.line, error })
  run.failed++
  attention(run.failedLines, safeText(error.message))
  return `failed ${where}: ${safeText(error.message)}`
}

/** Ctrl-C once stops starting rows; twice aborts those in flight (their outcome is then unknown). */
function signalHandler(stop: AbortController, abort: AbortController, note: (text: string) => void) {
  return () => {
    if (stop.signal.aborted) {
      note('Aborting the rows in flight; their outcome will be unknown.')
      abort.abort()
      return
    }
    stop.abort()
    note('Stopping: no new rows start; the ones in flight finish (Ctrl-C again aborts them).')
  }
}
