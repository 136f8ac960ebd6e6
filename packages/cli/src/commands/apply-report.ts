import { resolve } from 'node:path'
import type { JournalWriter } from '../journal.js'
import type { Output } from '../output.js'
import { writeFileAtomically } from '../secure-file.js'
import { safeJson, safeText } from '../terminal-text.js'
import type { ApplyCheck } from './apply-check.js'
import type { ApplyRun } from './apply-run.js'
import { type RunRow, readRunRows } from './run-rows.js'

export interface ApplyReportContext {
  file: string
  journalPath: string
  reportPath: string | undefined
  json: boolean
  check: ApplyCheck
  run: ApplyRun
  journal: JournalWriter
  /** Where this run's records start in the journal. */
  runStart: number
  output: Output
}

/** The counts of a run, as the summary, `--json` and `--report` give them. */
export function totalsOf(check: ApplyCheck, run: ApplyRun) {
  return {
    rows: check.rowCount,
    done: run.done,
    warned: run.warned,
    failed: run.failed,
    skipped: check.skipped,
    superseded: check.superseded,
    unknown: run.unknown,
    notRun: check.rowCount - check.skipped - check.superseded - run.done - run.failed - run.unknown,
    resent: run.resent,
  }
}

/**
 * The end of an `apply` run: the summary (once), and with `--report` or
 * `--json` every row of the run that needs attention, read back from the
 * journal so that no run is held in memory. Returns whether the run was ok.
 */
export async function reportApply(context: ApplyReportContext): Promise<boolean> {
  const { check, run, file, journalPath, reportPath, output } = context
  const totals = totalsOf(check, run)
  const ok = run.fatal === undefined && run.failed === 0 && run.unknown === 0 && totals.notRun === 0
  const lines = summaryLines(context, totals, ok)
  const head = {
    ok,
    file: resolve(file),
    journal: resolve(journalPath),
    ...(run.fatal !== undefined && { stopped: run.fatal.message }),
    ...totals,
  }
  // The count of rows is `rows`; the rows themselves are `needsAttention`: one name per thing.
  const pieces = async (write: (text: string) => Promise<void> | void) => {
    await write(`${safeJson(head).slice(0, -1)},"needsAttention":[`)
    let first = true
    if (run.fatal === undefined || context.journal.error === undefined) {
      await readRunRows(journalPath, context.runStart, async (row: RunRow) => {
        await write(`\n${first ? '' : ','}${safeJson(row)}`)
        first = false
      })
    }
    await write(']}')
  }
  if (reportPath !== undefined) {
    try {
      await writeFileAtomically(reportPath, async (handle) => {
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
      lines.push(`Report: ${reportPath}`)
    } catch (error) {
      lines.push(`Could not write the report ${reportPath}: ${(error as Error).message}`)
    }
  }
  if (context.json) {
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
  return ok
}

function summaryLines(
  context: ApplyReportContext,
  totals: ReturnType<typeof totalsOf>,
  ok: boolean,
): string[] {
  const { run, check, file, journalPath, reportPath } = context
  const superseded =
    totals.superseded > 0 ? `, ${totals.superseded} not sent (a later row of their group is done)` : ''
  const lines = [
    `${totals.rows} row(s): ${run.done} done (${run.warned} with warnings), ${run.failed} failed, ${totals.skipped} skipped (done in an earlier run)${superseded}, ${run.unknown} outcome unknown, ${totals.notRun} not run.`,
  ]
  if (run.resent > 0)
    lines.push(
      `${run.resent} row(s) whose outcome was unknown after the last run (in flight when it stopped) were sent again.`,
    )
  if (check.willResend > run.resent)
    lines.push(
      `${check.willResend - run.resent} row(s) whose outcome was unknown after the last run were not sent this time.`,
    )
  for (const { shop, error } of run.stoppedShops)
    lines.push(
      `Stopped sending to ${shop}: it refused the credential (${error}), so its remaining rows were not sent.`,
    )
  if (run.fatal !== undefined) lines.push(`Stopped: ${safeText(run.fatal.message)}`)
  lines.push(`Journal: ${journalPath}`)
  const more = (count: number, listed: number) =>
    count > listed ? [`  … and ${count - listed} more (see ${reportPath ?? journalPath})`] : []
  if (run.failedLines.length > 0)
    lines.push(
      'Failed, unknown or not sent:',
      ...run.failedLines,
      ...more(run.failed + run.unknown + run.notRun, run.failedLines.length),
    )
  if (run.warnedLines.length > 0)
    lines.push('Warnings:', ...run.warnedLines, ...more(run.warned, run.warnedLines.length))
  if (!ok) lines.push(`Resume with: customer-groups apply ${file} --resume ${journalPath}`)
  return lines
}
