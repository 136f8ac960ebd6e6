import { resolve } from 'node:path'
import { APIUserAbortError, updateCustomerGroup } from '@customer-groups/client'
import type { CustomerGroupProvider, IssueCode } from '@customer-groups/runtime'
import {
  type AccountDefinition,
  Accounts,
  accountKey,
  describeAccount,
  readAccountsFile,
} from '../accounts.js'
import { describeWarning, errorSummary } from '../format.js'
import { type ChangeSource, type Format, formats, openChangeSource, type RowIssue } from '../input/source.js'
import {
  type JournalState,
  JournalWriter,
  journalTool,
  journalVersion,
  type RowError,
  type RowWarning,
  readJournal,
} from '../journal.js'
import type { Output } from '../output.js'
import { createProgress, type Progress } from '../progress.js'
import { type Connection, limitsOf, type ProviderName } from '../providers.js'
import { type Change, changeHash, checkRow, groupOf, rowKey } from '../rows.js'
import { type Lane, Limit, schedule } from '../scheduler.js'
import { writableFileProblem, writeFileAtomically } from '../secure-file.js'
import { safeJson, safeText } from '../terminal-text.js'
import { InputError, UsageError } from '../usage-error.js'
import { concurrencyFlag } from './concurrency-flag.js'
import { type RunRow, readRunRows } from './run-rows.js'

export interface ApplyFlags {
  concurrency?: string | undefined
  dryRun?: boolean | undefined
  journal?: string | undefined
  report?: string | undefined
  resume?: string | undefined
  forceResume?: boolean | undefined
  accounts?: string | undefined
  format?: string | undefined
  json?: boolean | undefined
}

/** A problem found before sending: a row's field, an account, a path. */
interface Problem {
  line?: number
  column?: number
  field?: string
  code?: IssueCode
  message: string
}

/** Growable list of row indices. */
class Indices {
  values = new Uint32Array(256)
  count = 0
  push(value: number): void {
    if (this.count === this.values.length) {
      const grown = new Uint32Array(this.values.length * 2)
      grown.set(this.values)
      this.values = grown
    }
    this.values[this.count++] = value
  }
}

/** An account with rows to send in this run. */
interface AccountPlan {
  provider: ProviderName
  account: string | undefined
  rows: Indices
  firstLine: number
}

/** A row loaded for sending. */
interface Planned {
  index: number
  line: number
  key: string
  change: Change
  group: string
  client: CustomerGroupProvider
}

const maxListed = 200
const maxSummaryLines = 20

/**
 * `customer-groups apply FILE`. Pass 1 reads every row and checks everything
 * that can be known before sending (rows, accounts, credentials, paths, the
 * journal); any problem means exit code 2 and nothing sent. Pass 2 reads the
 * rows again and sends them: rows of one group in file order, groups at once,
 * within every account's and provider's limits, each row's start made durable
 * in the journal before its request leaves.
 */
export async function applyCommand(
  file: string,
  flags: ApplyFlags,
  connection: Connection,
  output: Output,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  const concurrency = concurrencyFlag(flags.concurrency)
  if (flags.format !== undefined && !(formats as readonly string[]).includes(flags.format))
    throw new UsageError(`--format must be one of ${formats.join(', ')}`)
  if (flags.journal !== undefined && flags.resume !== undefined)
    throw new UsageError(
      '--journal and --resume exclude each other: a resumed run appends to the journal it resumes',
    )
  if (flags.forceResume === true && flags.resume === undefined)
    throw new UsageError('--force-resume goes with --resume JOURNAL')

  const definitions: AccountDefinition[] | undefined =
    flags.accounts === undefined ? undefined : readAccountsFile(flags.accounts)
  const accounts = new Accounts(definitions, connection, env)
  const previous: JournalState | undefined =
    flags.resume === undefined ? undefined : await readJournal(flags.resume)
  const journalPath = flags.resume ?? flags.journal ?? `${file}.journal.jsonl`
  const source = await openChangeSource(file, flags.format as Format | undefined)
  try {
    return await apply(file, source, flags, concurrency, accounts, previous, journalPath, output)
  } finally {
    await source.close()
  }
}

async function apply(
  file: string,
  source: ChangeSource,
  flags: ApplyFlags,
  concurrency: number,
  accounts: Accounts,
  previous: JournalState | undefined,
  journalPath: string,
  output: Output,
): Promise<number> {
  // Pass 1: check every row; keep per row only what resume and ordering need.
  const problems: Problem[] = []
  let rowProblems = 0
  let rowCount = 0
  let rowLines = new Uint32Array(1024)
  let keys = new Uint32Array(2048)
  const occurrences = new Map<number, number>()
  const seenHashes = new Map<string, number>()
  const groups = new Map<string, number>()
  const duplicates: string[] = []
  let duplicateCount = 0
  const plans = new Map<string, AccountPlan>()
  let skipped = 0
  let willResend = 0
  const identity = await source.scan((row) => {
    rowCount++
    if (row.index >= rowLines.length) {
      const grownLines = new Uint32Array(rowLines.length * 2)
      grownLines.set(rowLines)
      rowLines = grownLines
      const grownKeys = new Uint32Array(keys.length * 2)
      grownKeys.set(keys)
      keys = grownKeys
    }
    rowLines[row.index] = row.line
    const { change, issues } = checkRow(row, accounts)
    if (change === undefined) {
      rowProblems++
      for (const issue of issues) {
        if (problems.length < maxListed) problems.push(rowProblem(row.line, issue, row.columnOf))
      }
      return
    }
    const hash = changeHash(change)
    const occurrence = (seenHashes.get(hash) ?? 0) + 1
    seenHashes.set(hash, occurrence)
    if (occurrence > 1) occurrences.set(row.index, occurrence)
    const key = rowKey(hash, occurrence)
    keys[row.index * 2] = Number.parseInt(key.slice(0, 8), 16)
    keys[row.index * 2 + 1] = Number.parseInt(key.slice(8), 16)
    const group = groupOf(change)
    const firstLine = groups.get(group)
    if (firstLine === undefined) groups.set(group, row.line)
    else {
      duplicateCount++
      if (duplicates.length < maxSummaryLines)
        duplicates.push(
          `line ${row.line}: ${describeRow(change)} is also changed on line ${firstLine}; the rows run one after another, in file order`,
        )
    }
    const outcome = previous?.outcomes.get(key)
    if (outcome === 'done') {
      skipped++
      return
    }
    if (outcome === 'unknown') willResend++
    const planKey = accountKey(change.provider, change.account)
    let plan = plans.get(planKey)
    if (plan === undefined) {
      plan = { provider: change.provider, account: change.account, rows: new Indices(), firstLine: row.line }
      plans.set(planKey, plan)
    }
    plan.rows.push(row.index)
  })
  // Only what pass 1 needs beyond the rows themselves was kept; these are not needed any more.
  seenHashes.clear()
  groups.clear()
  if (rowCount === 0) throw new InputError(`${file}: the file lists no changes`)

  for (const plan of plans.values()) {
    const resolved = accounts.resolve(plan.provider, plan.account)
    for (const problem of resolved.problems) {
      problems.push({
        message: `${describeAccount(plan.provider, plan.account)}: ${problem} (needed by ${plan.rows.count} row(s), the first on line ${plan.firstLine})`,
      })
    }
  }
  if (previous !== undefined) {
    const belongs = previous.files.some(
      (known) => known.path === identity.path || known.sha256 === identity.sha256,
    )
    if (!belongs && flags.forceResume !== true) {
      problems.push({
        message: `the journal ${journalPath} was written for ${previous.header.file.path}, not for ${identity.path} (whose content differs too); pass --force-resume to resume from it anyway`,
      })
    }
    const journalProblem = await writableFileProblem(journalPath, false)
    if (journalProblem !== undefined)
      problems.push({ message: `the journal ${journalPath}: ${journalProblem}` })
  } else {
    const journalProblem = await writableFileProblem(journalPath, true)
    if (journalProblem === 'already exists')
      problems.push({
        message: `the journal ${journalPath} already exists (an earlier run of this file?): resume it with --resume ${journalPath}, or name a new journal with --journal PATH`,
      })
    else if (journalProblem !== undefined)
      problems.push({ message: `the journal ${journalPath}: ${journalProblem}` })
  }
  if (flags.report !== undefined) {
    const reportProblem = await writableFileProblem(flags.report, false)
    if (reportProblem !== undefined)
      problems.push({ message: `the report ${flags.report}: ${reportProblem}` })
  }
  if (problems.length > 0) {
    const lines = [`${file}: ${rowProblems} row(s) have problems; nothing was sent.`]
    if (rowProblems === 0) lines[0] = `${file}: nothing was sent:`
    for (const problem of problems) lines.push(`  ${describeProblem(problem)}`)
    if (rowProblems > 0 && problems.length >= maxListed)
      lines.push(`  … only the first ${maxListed} problems are listed`)
    output.err(lines.join('\n'))
    if (flags.json === true) output.out(safeJson({ ok: false, rowsWithProblems: rowProblems, problems }))
    return 2
  }
  if (duplicateCount > 0) {
    const lines = [
      `Warning: ${duplicateCount} row(s) change a group an earlier row changes too:`,
      ...duplicates.map((line) => `  ${safeText(line)}`),
    ]
    if (duplicateCount > duplicates.length) lines.push(`  … and ${duplicateCount - duplicates.length} more`)
    output.err(lines.join('\n'))
  }
  const toSend = rowCount - skipped
  if (flags.dryRun === true) {
    const accountCounts = [...plans.values()].map((plan) => ({
      provider: plan.provider,
      ...(plan.account !== undefined && { account: plan.account }),
      rows: plan.rows.count,
    }))
    if (flags.json === true) {
      output.out(
        safeJson({
          ok: true,
          dryRun: true,
          rows: rowCount,
          toSend,
          skipped,
          duplicates: duplicateCount,
          accounts: accountCounts,
        }),
      )
    } else {
      output.out(
        `${file}: ${rowCount} row(s) checked${skipped > 0 ? `, ${skipped} already done in ${journalPath}` : ''}; --dry-run, so nothing was sent. Would send:`,
      )
      for (const plan of plans.values())
        output.out(`  ${plan.rows.count} row(s) to ${describeAccount(plan.provider, plan.account)}`)
    }
    return 0
  }

  // Pass 2: send.
  let journal: JournalWriter
  let runStart: number
  const run = (previous?.lastRun ?? 0) + 1
  try {
    if (previous === undefined) {
      journal = await JournalWriter.create(journalPath, {
        journal: journalTool,
        version: journalVersion,
        created: new Date().toISOString(),
        file: identity,
      })
    } else journal = await JournalWriter.reopen(journalPath, previous)
    runStart = (await journal.handle.stat()).size
    journal.append({ run, at: new Date().toISOString(), file: identity, concurrency })
    await journal.flush()
  } catch (error) {
    throw new InputError(`Cannot write the journal ${journalPath}: ${(error as Error).message}`)
  }

  const keyOf = (index: number) =>
    `${(keys[index * 2] as number).toString(16).padStart(8, '0')}${(keys[index * 2 + 1] as number).toString(16).padStart(8, '0')}`
  const counts = { done: 0, warned: 0, failed: 0, unknown: 0, resent: 0 }
  const attention = { failed: [] as string[], warned: [] as string[] }
  const progress: Progress = createProgress(toSend, output.progressStream)
  const remaining = () => toSend - counts.done - counts.failed - counts.unknown
  const progressCounts = () => ({
    done: counts.done,
    warned: counts.warned,
    failed: counts.failed,
    remaining: remaining(),
  })
  const controller = new AbortController()
  let stopping = false
  let fatal: Error | undefined
  const stopFor = (error: Error) => {
    fatal ??= error
    controller.abort()
  }

  const sharedLimits = new Map<string, Limit>()
  const shared = (name: string, max: number) => {
    let limit = sharedLimits.get(name)
    if (limit === undefined) {
      limit = new Limit(name, max)
      sharedLimits.set(name, limit)
    }
    return limit
  }
  const lanes: Lane<Planned>[] = [...plans.entries()].map(([name, plan]) => {
    const resolved = accounts.resolve(plan.provider, plan.account)
    const { perCredential, perSourceIp } = limitsOf(plan.provider)
    const limits = [new Limit(name, concurrency)]
    if (perCredential !== undefined)
      limits.push(shared(`${plan.provider} credential ${resolved.credentialId ?? name}`, perCredential))
    if (perSourceIp !== undefined) limits.push(shared(`${plan.provider} (all accounts)`, perSourceIp))
    let cursor = 0
    return {
      limits,
      async load(max: number): Promise<Planned[]> {
        const indices = plan.rows.values.subarray(cursor, Math.min(cursor + max, plan.rows.count))
        cursor += indices.length
        if (indices.length === 0) return []
        const rows = await source.read(indices)
        return rows.map((raw) => {
          const line = rowLines[raw.index] as number
          const { change } = checkRow(raw, accounts, { specChecks: false })
          const key = keyOf(raw.index)
          if (change === undefined || rowKey(changeHash(change), occurrences.get(raw.index) ?? 1) !== key)
            throw new Error(
              `${file}: line ${line} is not what it was when the file was checked; the file changed during the run`,
            )
          return { index: raw.index, line, key, change, group: groupOf(change), client: resolved.client }
        })
      },
    }
  })

  const onSignal = () => {
    if (stopping) {
      progress.note('Aborting the rows in flight; their outcome will be unknown.')
      controller.abort()
      return
    }
    stopping = true
    progress.note('Stopping: no new rows start; the ones in flight finish (Ctrl-C again aborts them).')
  }
  process.on('SIGINT', onSignal)
  process.on('SIGTERM', onSignal)
  // Finished rows are written with the next batch of starts, or within half a second.
  const flusher = setInterval(() => {
    journal.flush().catch((error: unknown) => stopFor(error as Error))
  }, 500)
  flusher.unref()

  const send = async (row: Planned): Promise<void> => {
    const { change } = row
    let text: string
    let needsAttention = false
    try {
      const result = await updateCustomerGroup({
        provider: row.client,
        id: change.id,
        ...(change.name !== undefined && { name: change.name }),
        ...(change.description !== undefined && { description: change.description }),
        ...(change.providerOptions !== undefined && { providerOptions: change.providerOptions }),
        signal: controller.signal,
      })
      const warnings: RowWarning[] = result.warnings.map((warning) => ({
        type: warning.type,
        ...(warning.field !== undefined && { field: warning.field }),
        message: warning.message,
      }))
      journal.append({ done: row.key, line: row.line, ...(warnings.length > 0 && { warnings }) })
      counts.done++
      text = `done ${describeRow(change)} (line ${row.line})`
      if (warnings.length > 0) {
        counts.warned++
        needsAttention = true
        text += `, ${warnings.length} warning(s): ${warnings.map(describeWarning).join('; ')}`
        if (attention.warned.length < maxSummaryLines)
          attention.warned.push(
            `  line ${row.line}: ${describeRow(change)}: ${warnings.map(describeWarning).join('; ')}`,
          )
      }
    } catch (error) {
      needsAttention = true
      if (APIUserAbortError.isInstance(error) && controller.signal.aborted) {
        journal.append({ aborted: row.key, line: row.line })
        counts.unknown++
        text = `aborted ${describeRow(change)} (line ${row.line}): outcome unknown`
      } else {
        const summary: RowError = errorSummary(error)
        journal.append({ failed: row.key, line: row.line, error: summary })
        counts.failed++
        text = `failed ${describeRow(change)} (line ${row.line}): ${safeText(summary.message)}`
        if (attention.failed.length < maxSummaryLines)
          attention.failed.push(`  line ${row.line}: ${describeRow(change)}: ${safeText(summary.message)}`)
      }
    }
    progress.row(text, needsAttention, progressCounts())
  }

  try {
    await schedule<Planned>({
      lanes,
      groupOf: (row) => row.group,
      async starting(rows) {
        for (const row of rows) {
          const { provider, account, id } = row.change
          journal.append({
            start: row.key,
            line: row.line,
            provider,
            ...(account !== undefined && { account }),
            id,
          })
          if (previous?.outcomes.get(row.key) === 'unknown') counts.resent++
        }
        try {
          await journal.flush()
        } catch (error) {
          stopFor(error as Error)
          throw error
        }
      },
      send,
      stopped: () => stopping || fatal !== undefined,
    })
  } catch (error) {
    stopFor(error as Error)
  } finally {
    clearInterval(flusher)
    process.off('SIGINT', onSignal)
    process.off('SIGTERM', onSignal)
  }
  const notRun = remaining()
  const ok = fatal === undefined && counts.failed === 0 && counts.unknown === 0 && notRun === 0
  const totals = {
    rows: rowCount,
    done: counts.done,
    warned: counts.warned,
    failed: counts.failed,
    skipped,
    unknown: counts.unknown,
    notRun,
    resent: counts.resent,
  }
  if (fatal === undefined || journal.error === undefined) {
    try {
      journal.append({ end: run, at: new Date().toISOString(), counts: totals })
      await journal.close()
    } catch (error) {
      fatal ??= error as Error
    }
  } else await journal.handle.close().catch(() => {})
  progress.stop()

  // The summary, written once at the end.
  const lines = [
    `${rowCount} row(s): ${counts.done} done (${counts.warned} with warnings), ${counts.failed} failed, ${skipped} skipped (done in an earlier run), ${counts.unknown} outcome unknown, ${notRun} not run.`,
  ]
  if (counts.resent > 0)
    lines.push(
      `${counts.resent} row(s) whose outcome was unknown after the last run (in flight when it stopped) were sent again.`,
    )
  if (willResend > counts.resent)
    lines.push(
      `${willResend - counts.resent} row(s) whose outcome was unknown after the last run were not sent this time.`,
    )
  if (fatal !== undefined) lines.push(`Stopped: ${safeText(fatal.message)}`)
  lines.push(`Journal: ${journalPath}`)
  if (attention.failed.length > 0) {
    lines.push('Failed:', ...attention.failed)
    if (counts.failed > attention.failed.length)
      lines.push(
        `  … and ${counts.failed - attention.failed.length} more (see ${flags.report ?? journalPath})`,
      )
  }
  if (attention.warned.length > 0) {
    lines.push('Warnings:', ...attention.warned)
    if (counts.warned > attention.warned.length)
      lines.push(
        `  … and ${counts.warned - attention.warned.length} more (see ${flags.report ?? journalPath})`,
      )
  }
  if (!ok) lines.push(`Resume with: customer-groups apply ${file} --resume ${journalPath}`)

  const head = {
    ok,
    file: resolve(file),
    journal: resolve(journalPath),
    ...(fatal !== undefined && { stopped: fatal.message }),
    ...totals,
  }
  const pieces = async (write: (text: string) => Promise<void> | void) => {
    await write(`${safeJson(head).slice(0, -1)},"rows":[`)
    let first = true
    if (fatal === undefined || journal.error === undefined) {
      await readRunRows(journalPath, runStart, async (row: RunRow) => {
        await write(`\n${first ? '' : ','}${safeJson(row)}`)
        first = false
      })
    }
    await write(']}')
  }
  if (flags.report !== undefined) {
    try {
      await writeFileAtomically(flags.report, async (handle) => {
        let buffered = ''
        await pieces(async (text) => {
          buffered += text
          if (buffered.length > 64 * 1024) {
            await handle.write(buffered)
            buffered = ''
          }
        })
        await handle.write(`${buffered}\n`)
      })
      lines.push(`Report: ${flags.report}`)
    } catch (error) {
      lines.push(`Could not write the report ${flags.report}: ${(error as Error).message}`)
    }
  }
  if (flags.json === true) {
    let text = ''
    await pieces((piece) => {
      text += piece
      if (text.length > 64 * 1024) {
        output.out(text)
        text = ''
      }
    })
    output.out(text)
    output.err(lines.join('\n'))
  } else output.out(lines.join('\n'))
  return ok ? 0 : 1
}

function describeRow(change: Change): string {
  return safeText(
    `${change.provider}${change.account === undefined ? '' : ` ${change.account}`} ${change.id}`,
  )
}

function rowProblem(
  line: number,
  issue: RowIssue,
  columnOf: ((field: string) => number | undefined) | undefined,
): Problem {
  const column = issue.column ?? columnOf?.(issue.field)
  return {
    line,
    ...(column !== undefined && { column }),
    field: issue.field,
    code: issue.code,
    message: issue.message,
  }
}

function describeProblem(problem: Problem): string {
  if (problem.line === undefined) return safeText(problem.message)
  const where = `line ${problem.line}${problem.column === undefined ? '' : `, column ${problem.column}`}`
  return safeText(`${where}: ${problem.field}: ${problem.message} (${problem.code})`)
}
