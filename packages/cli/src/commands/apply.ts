import { type AccountDefinition, Accounts, describeAccount, readAccountsFile } from '../accounts.js'
import { type ChangeSource, type Format, formats, openChangeSource } from '../input/source.js'
import {
  type JournalState,
  JournalWriter,
  journalBelongs,
  journalTool,
  journalVersion,
  readJournalForRun,
} from '../journal.js'
import type { Output } from '../output.js'
import { type Connection, shopKey } from '../providers.js'
import { journalLockPath, RunLocks, shopLockPath } from '../run-lock.js'
import { writableFileProblem } from '../secure-file.js'
import { safeJson, safeText } from '../terminal-text.js'
import { InputError, UsageError } from '../usage-error.js'
import { type ApplyCheck, checkApplyFile, describeProblem, maxListed, type Problem } from './apply-check.js'
import { reportApply } from './apply-report.js'
import { runApplyRows } from './apply-run.js'
import { concurrencyFlag } from './concurrency-flag.js'

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

/**
 * `customer-groups apply FILE`, in five steps: read (pass 1 checks every row
 * and everything that can be known before sending: any problem means exit
 * code 2 and nothing sent), plan (accounts and their locks), schedule (pass 2
 * sends the rows on the client's write engine), journal (each row's start
 * durable before its request leaves) and report. The journal is locked for
 * the whole run, and so is every shop the run writes to.
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
  if (flags.forceResume === true && flags.resume === undefined && flags.journal === undefined)
    throw new UsageError('--force-resume goes with --resume JOURNAL or --journal JOURNAL')
  const definitions: AccountDefinition[] | undefined =
    flags.accounts === undefined ? undefined : readAccountsFile(flags.accounts)
  const accounts = new Accounts(definitions, connection, env)
  const journalPath = flags.resume ?? flags.journal ?? `${file}.journal.jsonl`
  // The journal is read under its lock: a second run must not resume what this one is doing.
  const locks =
    flags.dryRun === true
      ? undefined
      : await RunLocks.acquire(
          [{ path: journalLockPath(journalPath), what: `the journal ${journalPath}` }],
          `customer-groups apply ${file}`,
          (text) => output.err(safeText(text)),
        )
  try {
    const journal = await readJournalForRun(journalPath, journalTool, flags.resume !== undefined)
    const source = await openChangeSource(file, flags.format as Format | undefined)
    try {
      const check = await checkApplyFile(source, accounts, journal.previous)
      const refused = await refusal(file, check, journal, journalPath, flags, output)
      if (refused !== undefined) return refused
      if (flags.dryRun === true) return dryRun(file, check, journalPath, flags, output)
      await locks?.add(await shopLocks(check, accounts, env), `customer-groups apply ${file}`, (text) =>
        output.err(safeText(text)),
      )
      return await send(
        file,
        source,
        check,
        accounts,
        concurrency,
        journal.previous,
        journalPath,
        flags,
        output,
      )
    } finally {
      await source.close()
    }
  } finally {
    await locks?.release()
  }
}

/** Exit code 2 with every problem found before sending, or `undefined` when there is none. */
async function refusal(
  file: string,
  check: ApplyCheck,
  journal: { previous?: JournalState; problems: string[] },
  journalPath: string,
  flags: ApplyFlags,
  output: Output,
): Promise<number | undefined> {
  const problems: Problem[] = [...check.problems, ...journal.problems.map((message) => ({ message }))]
  if (check.rowCount === 0) throw new InputError(`${file}: the file lists no changes`)
  const foreign = journalBelongs(journal.previous, check.identity, journalPath, flags.forceResume === true)
  if (foreign !== undefined) problems.push({ message: foreign })
  if (flags.report !== undefined) {
    const reportProblem = await writableFileProblem(flags.report, false)
    if (reportProblem !== undefined)
      problems.push({ message: `the report ${flags.report}: ${reportProblem}` })
  }
  if (problems.length === 0) {
    warnDuplicates(check, output)
    return undefined
  }
  const lines = [
    check.rowProblems === 0
      ? `${file}: nothing was sent:`
      : `${file}: ${check.rowProblems} row(s) have problems; nothing was sent.`,
  ]
  for (const problem of problems) lines.push(`  ${describeProblem(problem)}`)
  if (check.rowProblems > 0 && problems.length >= maxListed)
    lines.push(`  … only the first ${maxListed} problems are listed`)
  output.err(lines.join('\n'))
  if (flags.json === true) output.out(safeJson({ ok: false, rowsWithProblems: check.rowProblems, problems }))
  return 2
}

function warnDuplicates(check: ApplyCheck, output: Output): void {
  if (check.duplicateCount === 0) return
  const lines = [
    `Warning: ${check.duplicateCount} row(s) change a group an earlier row changes too:`,
    ...check.duplicates.map((line) => `  ${safeText(line)}`),
  ]
  if (check.duplicateCount > check.duplicates.length)
    lines.push(`  … and ${check.duplicateCount - check.duplicates.length} more`)
  output.err(lines.join('\n'))
}

function dryRun(
  file: string,
  check: ApplyCheck,
  journalPath: string,
  flags: ApplyFlags,
  output: Output,
): number {
  const { rowCount, skipped, superseded } = check
  if (flags.json === true) {
    output.out(
      safeJson({
        ok: true,
        dryRun: true,
        rows: rowCount,
        toSend: rowCount - skipped - superseded,
        skipped,
        superseded,
        duplicates: check.duplicateCount,
        accounts: [...check.plans.values()].map((plan) => ({
          provider: plan.provider,
          ...(plan.account !== undefined && { account: plan.account }),
          rows: plan.rows.count,
        })),
      }),
    )
    return 0
  }
  output.out(
    `${file}: ${rowCount} row(s) checked${skipped > 0 ? `, ${skipped} already done in ${journalPath}` : ''}; --dry-run, so nothing was sent. Would send:`,
  )
  for (const plan of check.plans.values())
    output.out(`  ${plan.rows.count} row(s) to ${describeAccount(plan.provider, plan.account)}`)
  return 0
}

/** The lock of every shop the run writes to (one per shop, however many accounts reach it). */
async function shopLocks(check: ApplyCheck, accounts: Accounts, env: NodeJS.ProcessEnv) {
  const shops = new Map<string, string>()
  for (const plan of check.plans.values()) {
    const resolved = accounts.resolve(plan.provider, plan.account)
    shops.set(shopKey(resolved), `the shop of ${describeAccount(plan.provider, plan.account)}`)
  }
  return Promise.all(
    [...shops].sort().map(async ([shop, what]) => ({ path: await shopLockPath(shop, env), what })),
  )
}

async function send(
  file: string,
  source: ChangeSource,
  check: ApplyCheck,
  accounts: Accounts,
  concurrency: number,
  previous: JournalState | undefined,
  journalPath: string,
  flags: ApplyFlags,
  output: Output,
): Promise<number> {
  let journal: JournalWriter
  let runStart: number
  const run = (previous?.lastRun ?? 0) + 1
  try {
    journal =
      previous === undefined
        ? await JournalWriter.create(journalPath, {
            journal: journalTool,
            version: journalVersion,
            created: new Date().toISOString(),
            file: check.identity,
          })
        : await JournalWriter.reopen(journalPath, previous)
    runStart = (await journal.handle.stat()).size
    journal.append({ run, at: new Date().toISOString(), file: check.identity, concurrency })
    await journal.flush()
  } catch (error) {
    throw new InputError(`Cannot write the journal ${journalPath}: ${(error as Error).message}`)
  }
  if (previous !== undefined)
    output.err(`Resuming ${safeText(journalPath)}: rows it has done are not sent again.`)
  const result = await runApplyRows({ file, source, check, accounts, concurrency, journal, previous, output })
  const counts = { rows: check.rowCount, done: result.done, failed: result.failed, unknown: result.unknown }
  if (result.fatal === undefined || journal.error === undefined) {
    try {
      journal.append({ end: run, at: new Date().toISOString(), counts })
      await journal.close()
    } catch (error) {
      result.fatal ??= error as Error
    }
  } else await journal.handle.close().catch(() => {})
  const ok = await reportApply({
    file,
    journalPath,
    reportPath: flags.report,
    json: flags.json === true,
    check,
    run: result,
    journal,
    runStart,
    output,
  })
  return ok ? 0 : 1
}
