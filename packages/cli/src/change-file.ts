import { readFileSync } from 'node:fs'
import { extname } from 'node:path'
import { parse as parseCsv } from 'csv-parse/sync'
import { isMap, isSeq, LineCounter, parseDocument } from 'yaml'
import { parseOptionValue } from './option-value.js'
import { UsageError } from './usage-error.js'

/** One change as the file states it, before any checking, with where it stands. */
export interface ChangeRow {
  /** Position in the file, from 0; identifies the row in reports. */
  index: number
  /** Line of the file the row starts on, from 1. */
  line: number
  value: unknown
}

/**
 * Reads a change file: YAML or JSON (a list, or `{ changes: [...] }`), or CSV
 * with columns `provider,id,name,description` and `<provider>.<option>`.
 */
export function readChangeFile(path: string): ChangeRow[] {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    throw new UsageError(`Cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`)
  }
  return extname(path).toLowerCase() === '.csv' ? readCsv(path, text) : readYaml(path, text)
}

function readYaml(path: string, text: string): ChangeRow[] {
  const lineCounter = new LineCounter()
  const document = parseDocument(text, { lineCounter, prettyErrors: false })
  if (document.errors.length > 0) {
    const [error] = document.errors
    const line = error?.linePos?.[0]?.line
    throw new UsageError(
      `${path}${line === undefined ? '' : `:${line}`}: not valid YAML or JSON: ${error?.message}`,
    )
  }
  const top: unknown = document.contents
  const list: unknown = isMap(top) ? top.get('changes', true) : top
  if (!isSeq(list)) throw new UsageError(`${path}: expected a list of changes, or { changes: [...] }`)
  return list.items.map((item, index) => {
    const node = item as { range?: readonly number[]; toJSON?: () => unknown }
    return {
      index,
      line: lineCounter.linePos(node.range?.[0] ?? 0).line,
      value: typeof node.toJSON === 'function' ? node.toJSON() : item,
    }
  })
}

function readCsv(path: string, text: string): ChangeRow[] {
  let records: Record<string, string>[]
  try {
    records = parseCsv(text, { columns: true, skip_empty_lines: true, trim: true, info: false })
  } catch (error) {
    throw new UsageError(`${path}: not valid CSV: ${(error as Error).message}`)
  }
  // Line numbers follow the records; a quoted cell spanning lines shifts them, so read them from the parser.
  const lines = parseCsv(text, { columns: true, skip_empty_lines: true, info: true }) as {
    info: { lines: number }
  }[]
  return records.map((record, index) => {
    const value: Record<string, unknown> = {}
    const providerOptions: Record<string, Record<string, unknown>> = {}
    for (const [column, cell] of Object.entries(record)) {
      if (cell === '') continue
      const dot = column.indexOf('.')
      if (dot > 0) {
        const provider = column.slice(0, dot)
        providerOptions[provider] = {
          ...providerOptions[provider],
          [column.slice(dot + 1)]: parseOptionValue(cell),
        }
      } else {
        value[column] = cell
      }
    }
    if (Object.keys(providerOptions).length > 0) value.providerOptions = providerOptions
    return { index, line: lines[index]?.info.lines ?? index + 2, value }
  })
}
