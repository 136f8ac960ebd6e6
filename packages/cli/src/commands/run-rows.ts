import { constants, promises as fs } from 'node:fs'
import { LineSplitter } from '../input/lines.js'
import type { RowError, RowWarning } from '../journal.js'

/** A row of one run that needs attention: it failed, has warnings, its outcome is unknown, or it was not sent. */
export interface RunRow {
  line: number
  provider: string
  account?: string
  id: string
  status: 'done' | 'failed' | 'unknown' | 'not-run'
  warnings?: RowWarning[]
  error?: RowError
  /** Why a row was not sent. */
  reason?: string
}

/**
 * Reads the records one run appended to a journal, from `offset`, and hands
 * over the rows that need attention, in the order they finished. Only the rows
 * in flight are held, never the run.
 */
export async function readRunRows(
  path: string,
  offset: number,
  onRow: (row: RunRow) => Promise<void>,
): Promise<void> {
  const handle = await fs.open(path, constants.O_RDONLY | constants.O_NOFOLLOW)
  try {
    const started = new Map<string, { line: number; provider: string; account?: string; id: string }>()
    const splitter = new LineSplitter()
    const take = async (text: string) => {
      const record = JSON.parse(text) as Record<string, unknown>
      if (typeof record.start === 'string') {
        const { provider, account, id } = record as { provider: string; account?: string; id: string }
        started.set(`${record.start}:${record.line}`, {
          line: record.line as number,
          provider,
          ...(account !== undefined && { account }),
          id,
        })
        return
      }
      if (typeof record.notRun === 'string') {
        // Never started: the record names the row itself.
        const { provider, account, id, reason } = record as {
          provider: string
          account?: string
          id: string
          reason: string
        }
        await onRow({
          line: record.line as number,
          provider,
          ...(account !== undefined && { account }),
          id,
          status: 'not-run',
          reason,
        })
        return
      }
      for (const status of ['done', 'failed', 'aborted'] as const) {
        const key = record[status]
        if (typeof key !== 'string') continue
        const id = `${key}:${record.line}`
        const row = started.get(id)
        started.delete(id)
        if (row === undefined) return
        if (status === 'done' && record.warnings === undefined) return
        await onRow({
          ...row,
          status: status === 'aborted' ? 'unknown' : status,
          ...(record.warnings !== undefined && { warnings: record.warnings as RowWarning[] }),
          ...(record.error !== undefined && { error: record.error as RowError }),
        })
        return
      }
    }
    const chunk = Buffer.alloc(256 * 1024)
    let position = offset
    for (;;) {
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, position)
      if (bytesRead === 0) break
      position += bytesRead
      for (const line of splitter.push(Buffer.from(chunk.subarray(0, bytesRead)))) await take(line.text)
    }
    for (const line of splitter.push(Buffer.alloc(0), true)) await take(line.text)
    // Started and never finished: the journal could not record the end.
    for (const row of started.values()) await onRow({ ...row, status: 'unknown' })
  } finally {
    await handle.close()
  }
}
