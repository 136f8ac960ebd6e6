import { updateCustomerGroup } from '@customer-groups/client'
import { readChangeFile } from '../change-file.js'
import { type Change, checkRows } from '../check-rows.js'
import { describeProblems, errorSummary } from '../format.js'
import type { Output } from '../output.js'
import { createProgress } from '../progress.js'
import { type Connection, createProviders, type ProviderName } from '../providers.js'
import { changeKey, type Report, type RowReport, readReport, writeReport } from '../report.js'
import { UsageError } from '../usage-error.js'

export interface ApplyFlags {
  concurrency?: string | undefined
  dryRun?: boolean | undefined
  report?: string | undefined
  resume?: string | undefined
  json?: boolean | undefined
}

/**
 * `customer-groups apply FILE`: checks every row first and sends nothing if one
 * is bad; then applies with bounded concurrency per provider, recording every
 * row's outcome in a report after each change, so an interrupted run can resume.
 */
export async function applyCommand(
  file: string,
  flags: ApplyFlags,
  connection: Connection,
  output: Output,
): Promise<number> {
  const concurrency = Number(flags.concurrency ?? 3)
  if (!Number.isSafeInteger(concurrency) || concurrency < 1)
    throw new UsageError('--concurrency must be a whole number of at least 1')
  const rows = readChangeFile(file)
  if (rows.length === 0) throw new UsageError(`${file}: the file lists no changes`)
  const providers = createProviders(connection)
  const { changes, problems } = checkRows(rows, providers)
  if (problems.length > 0) {
    output.err(describeProblems(file, problems))
    if (flags.json === true) output.out(JSON.stringify({ ok: false, problems }))
    return 2
  }
  if (flags.dryRun === true) {
    if (flags.json === true) output.out(JSON.stringify({ ok: true, dryRun: true, changes }))
    else {
      output.out(`${file}: ${changes.length} change(s) checked; --dry-run, so nothing was sent:`)
      for (const change of changes) output.out(`  line ${change.line}: ${describeChange(change)}`)
    }
    return 0
  }

  const previous = flags.resume === undefined ? undefined : readReport(flags.resume)
  const reportPath = flags.report ?? flags.resume ?? `${file}.report.json`
  const report: Report = {
    file,
    startedAt: new Date().toISOString(),
    rows: changes.map((change) => rowFor(change, previous)),
  }
  const save = () => writeReport(reportPath, report)
  save()

  const queues = new Map<ProviderName, { change: Change; row: RowReport }[]>()
  changes.forEach((change, position) => {
    const row = report.rows[position] as RowReport
    if (row.status !== 'pending') return
    queues.set(change.provider, [...(queues.get(change.provider) ?? []), { change, row }])
  })
  const counts = () => {
    const by = (status: string) => report.rows.filter((row) => row.status === status).length
    return {
      done: by('done') + by('skipped'),
      failed: by('failed'),
      remaining: by('pending') + by('started'),
    }
  }
  const progress = createProgress(report.rows.length, output.progressStream)
  progress.update(counts())

  let stopping = false
  const controller = new AbortController()
  const onSignal = () => {
    if (stopping) controller.abort()
    stopping = true
    output.err('\nStopping: no new rows start; the ones in flight finish (Ctrl-C again aborts them).')
  }
  process.on('SIGINT', onSignal)
  process.on('SIGTERM', onSignal)
  try {
    await Promise.all(
      [...queues.entries()].flatMap(([provider, queue]) =>
        Array.from({ length: concurrency }, async () => {
          for (let next = queue.shift(); next !== undefined && !stopping; next = queue.shift()) {
            const { change, row } = next
            row.status = 'started'
            save()
            try {
              const result = await updateCustomerGroup({
                ...change,
                provider: providers[provider],
                signal: controller.signal,
              })
              Object.assign(row, { status: 'done', group: result.group, warnings: result.warnings })
            } catch (error) {
              Object.assign(row, { status: 'failed', error: errorSummary(error) })
            }
            save()
            progress.update(
              counts(),
              `${row.status} ${row.provider} ${row.id} (line ${row.line})${row.error ? `: ${row.error.message}` : ''}`,
            )
          }
        }),
      ),
    )
  } finally {
    process.off('SIGINT', onSignal)
    process.off('SIGTERM', onSignal)
    progress.stop()
  }
  // A row cut off before it started stays pending; one that started but never answered goes back to pending too.
  for (const row of report.rows) if (row.status === 'started') row.status = 'pending'
  report.finishedAt = new Date().toISOString()
  save()

  const { done, failed, remaining } = counts()
  const summary = { ok: failed === 0 && remaining === 0, done, failed, notRun: remaining, report: reportPath }
  if (flags.json === true) output.out(JSON.stringify({ ...summary, rows: report.rows }))
  else {
    output.out(`${done} done, ${failed} failed, ${remaining} not run. Report: ${reportPath}`)
    for (const row of report.rows.filter((r) => r.status === 'failed')) {
      output.out(`  line ${row.line}: ${row.provider} ${row.id}: ${row.error?.message ?? 'failed'}`)
    }
    if (remaining > 0) output.out(`Resume with: customer-groups apply ${file} --resume ${reportPath}`)
  }
  return summary.ok ? 0 : 1
}

function rowFor(change: Change, previous: Report | undefined): RowReport {
  const key = changeKey(change)
  const row: RowReport = {
    index: change.index,
    line: change.line,
    provider: change.provider,
    id: change.id,
    key,
    status: 'pending',
  }
  const earlier = previous?.rows.find(
    (candidate) => candidate.index === change.index && candidate.key === key,
  )
  if (earlier !== undefined && (earlier.status === 'done' || earlier.status === 'skipped')) {
    return {
      ...row,
      status: 'skipped',
      note: `done in the run started ${previous?.startedAt}`,
      group: earlier.group,
    }
  }
  return row
}

function describeChange(change: Change): string {
  const parts = [`${change.provider} ${change.id}`]
  if (change.name !== undefined) parts.push(`name=${JSON.stringify(change.name)}`)
  if (change.description !== undefined) parts.push(`description=${JSON.stringify(change.description)}`)
  if (change.providerOptions !== undefined)
    parts.push(`providerOptions=${JSON.stringify(change.providerOptions)}`)
  return parts.join(' ')
}
