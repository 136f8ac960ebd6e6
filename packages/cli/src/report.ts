import { createHash } from 'node:crypto'
import { readFileSync, renameSync, writeFileSync } from 'node:fs'
import type { Change } from './check-rows.js'
import { UsageError } from './usage-error.js'

export type RowStatus = 'pending' | 'started' | 'done' | 'failed' | 'skipped'

export interface RowReport {
  index: number
  line: number
  provider: string
  id: string
  /** Hash of the change itself, so a resume never skips a row whose content changed. */
  key: string
  status: RowStatus
  /** For `skipped`: the earlier report that had it done. */
  note?: string
  group?: unknown
  warnings?: unknown[]
  error?: { name: string; message: string; status?: number }
}

export interface Report {
  file: string
  startedAt: string
  finishedAt?: string
  rows: RowReport[]
}

export function changeKey(change: Change): string {
  const { provider, id, name, description, providerOptions } = change
  return createHash('sha256')
    .update(JSON.stringify([provider, id, name, description, providerOptions]))
    .digest('hex')
    .slice(0, 16)
}

export function readReport(path: string): Report {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Report
  } catch (error) {
    throw new UsageError(`Cannot read the report ${path} to resume from: ${(error as Error).message}`)
  }
}

/** Writes the whole report to a temporary file and renames it over the old one, so a kill never leaves half a file. */
export function writeReport(path: string, report: Report): void {
  const temporary = `${path}.tmp-${process.pid}`
  writeFileSync(temporary, `${JSON.stringify(report, null, 2)}\n`)
  renameSync(temporary, path)
}
