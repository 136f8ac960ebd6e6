import { createHash } from 'node:crypto'
import { constants, type promises as fs, promises } from 'node:fs'
import { extname, resolve } from 'node:path'
import type { IssueCode } from '@customer-groups/runtime'
import { parseOptionValue } from '../option-value.js'
import { capabilitiesOf, isProviderName, type ProviderName, providerNames } from '../providers.js'
import { InputError } from '../usage-error.js'
import { CsvParser, type CsvRecord, CsvSyntaxError } from './csv.js'
import { LineSplitter, LineTooLongError } from './lines.js'
import { type Item, jsonErrorOffset, readJsonItems, readYamlItems, StructureError } from './structured.js'
import { describeFsError } from './whole-file.js'

export { describeFsError, maxWholeFileBytes, readWholeFile } from './whole-file.js'

export const formats = ['yaml', 'json', 'jsonl', 'csv'] as const
export type Format = (typeof formats)[number]

/** A problem with one field of one row, in the CLI's words. */
export interface RowIssue {
  field: string
  code: IssueCode
  message: string
  /** The CSV column (from 1), when the field has one. */
  column?: number
}

/** One row as the file states it, before any checking. */
export interface RawRow {
  /** Position among the file's rows, from 0. */
  index: number
  /** Line the row starts on, from 1. */
  line: number
  value: unknown
  /** Problems found while reading the row itself (bad JSON, a bad cell). */
  issues: RowIssue[]
  /** The CSV column of a field, for messages. */
  columnOf?: (field: string) => number | undefined
}

/** Which file a journal belongs to. */
export interface FileIdentity {
  path: string
  bytes: number
  sha256: string
}

/** The identity of a file read whole. */
export function identityOf(path: string, bytes: Buffer): FileIdentity {
  return {
    path: resolve(path),
    bytes: bytes.length,
    sha256: createHash('sha256').update(bytes).digest('hex'),
  }
}

/**
 * The rows of a change file, read twice: `scan` goes through every row once
 * (pass 1: checks), `read` fetches given rows again (pass 2: sending). JSON
 * Lines and CSV are never held whole: `read` reads the rows' bytes again by
 * offset. YAML and JSON are parsed once and kept.
 */
export interface ChangeSource {
  readonly format: Format
  readonly path: string
  scan(onRow: (row: RawRow) => void): Promise<FileIdentity>
  /** The rows at these indices, in ascending order. */
  read(indices: ArrayLike<number>): Promise<RawRow[]>
  close(): Promise<void>
}

/** How much one read takes at a time. */
const chunkBytes = 256 * 1024
/** A pass-2 read spans at most this many bytes; rows of one account far apart are read separately. */
const maxSpanBytes = 1024 * 1024

/** Opens a change file: reads it through one descriptor, so a file replaced mid-run is not mixed in. */
export async function openChangeSource(path: string, format: Format | undefined): Promise<ChangeSource> {
  let handle: fs.FileHandle
  try {
    handle = await promises.open(path, constants.O_RDONLY)
  } catch (error) {
    throw new InputError(`Cannot read ${path}: ${describeFsError(error)}`)
  }
  try {
    const stat = await handle.stat()
    if (!stat.isFile()) throw new InputError(`Cannot read ${path}: not a regular file`)
    const chosen = format ?? formatFromName(path) ?? (await sniffFormat(handle, path))
    const absolute = resolve(path)
    if (chosen === 'jsonl' || chosen === 'csv') return new StreamSource(chosen, path, absolute, handle)
    return new WholeSource(chosen, path, absolute, handle)
  } catch (error) {
    await handle.close()
    throw error
  }
}

function formatFromName(path: string): Format | undefined {
  const extension = extname(path).toLowerCase()
  if (extension === '.jsonl' || extension === '.ndjson') return 'jsonl'
  if (extension === '.csv') return 'csv'
  if (extension === '.yaml' || extension === '.yml') return 'yaml'
  if (extension === '.json') return 'json'
  return undefined
}

/** Tells the format from the first bytes of a file whose name does not. */
async function sniffFormat(handle: fs.FileHandle, path: string): Promise<Format> {
  const head = Buffer.alloc(64 * 1024)
  const { bytesRead } = await handle.read(head, 0, head.length, 0)
  const text = head.toString('utf8', 0, bytesRead).replace(/^\uFEFF/, '')
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '' && !line.trim().startsWith('#'))
  const first = lines[0]?.trim() ?? ''
  if (first.startsWith('{')) {
    try {
      JSON.parse(first)
      return 'jsonl'
    } catch {
      return 'json'
    }
  }
  if (first.startsWith('[')) return 'json'
  if (first.startsWith('- ') || first === '-' || first === '---' || /^changes\s*:/.test(first)) return 'yaml'
  const header = first.split(',').map((cell) => cell.trim().replace(/^"|"$/g, '').toLowerCase())
  if (
    header.length > 1 &&
    (header.includes('provider') || header.includes('account')) &&
    header.includes('id')
  )
    return 'csv'
  throw new InputError(
    `${path}: cannot tell the file's format from its name or its first line; name it .yaml, .yml, .json, .jsonl or .csv, or pass --format yaml|json|jsonl|csv`,
  )
}

/** YAML and JSON: parsed at once, items kept. */
class WholeSource implements ChangeSource {
  #items: Item[] = []

  constructor(
    readonly format: 'yaml' | 'json',
    readonly path: string,
    readonly absolutePath: string,
    readonly handle: fs.FileHandle,
  ) {}

  async scan(onRow: (row: RawRow) => void): Promise<FileIdentity> {
    const bytes = await this.handle.readFile()
    const sha256 = createHash('sha256').update(bytes).digest('hex')
    const text = bytes.toString('utf8').replace(/^\uFEFF/, '')
    try {
      this.#items = this.format === 'json' ? readJsonItems(text) : readYamlItems(text)
    } catch (error) {
      if (!(error instanceof StructureError)) throw error
      const where =
        error.line === undefined
          ? ''
          : `:${error.line}${error.column === undefined ? '' : `:${error.column}`}`
      throw new InputError(`${this.path}${where}: ${error.message}`)
    }
    this.#items.forEach((item, index) => {
      onRow({ index, line: item.line, value: item.value, issues: [] })
    })
    return { path: this.absolutePath, bytes: bytes.length, sha256 }
  }

  async read(indices: ArrayLike<number>): Promise<RawRow[]> {
    return Array.from(indices, (index) => {
      const item = this.#items[index] as Item
      return { index, line: item.line, value: item.value, issues: [] }
    })
  }

  close(): Promise<void> {
    return this.handle.close()
  }
}

const knownColumns = ['provider', 'account', 'id', 'name', 'description'] as const

interface CsvColumns {
  /** For each column: the field it fills, or undefined for a column without a name. */
  fields: ({ field: (typeof knownColumns)[number] } | { provider: string; option: string } | undefined)[]
  columnOf: (field: string) => number | undefined
}

/** Reads the header row: names match case-insensitively; `provider.option` columns must name a known option. */
function readHeader(record: CsvRecord, path: string): CsvColumns {
  const problems: string[] = []
  const seen = new Map<string, number>()
  const fields: CsvColumns['fields'] = record.cells.map((cell, index) => {
    const column = index + 1
    const name = cell.trim()
    if (name === '') return undefined
    const lower = name.toLowerCase()
    const dot = lower.indexOf('.')
    let field: CsvColumns['fields'][number]
    let key: string
    if (dot === -1) {
      const known = knownColumns.find((candidate) => candidate === lower)
      if (known === undefined) {
        problems.push(
          `column ${column} "${name}": is not a column apply reads (${knownColumns.join(', ')}, or PROVIDER.OPTION: a provider's option under its id)`,
        )
        return undefined
      }
      field = { field: known }
      key = known
    } else {
      const provider = lower.slice(0, dot)
      const optionName = name.slice(dot + 1)
      if (!isProviderName(provider)) {
        problems.push(`column ${column} "${name}": ${provider} is not one of ${providerNames.join(', ')}`)
        return undefined
      }
      const options = capabilitiesOf(provider).operations.update?.providerOptions ?? []
      const option = options.find((candidate) => candidate.toLowerCase() === optionName.toLowerCase())
      if (option === undefined) {
        problems.push(
          `column ${column} "${name}": ${optionName} is not an option of ${provider}; known: ${options.join(', ') || 'none'}`,
        )
        return undefined
      }
      field = { provider, option }
      key = `${provider}.${option}`
    }
    const earlier = seen.get(key)
    if (earlier !== undefined) problems.push(`column ${column} "${name}": repeats column ${earlier}`)
    seen.set(key, column)
    return field
  })
  if (problems.length > 0) {
    throw new InputError(
      `${path}: the header (line ${record.line}) has problems; nothing was sent:\n${problems.map((problem) => `  line ${record.line}, ${problem}`).join('\n')}`,
    )
  }
  const byField = new Map<string, number>()
  fields.forEach((field, index) => {
    if (field === undefined) return
    if ('field' in field) byField.set(field.field, index + 1)
    else {
      byField.set(`providerOptions.${field.provider}.${field.option}`, index + 1)
      // Spec checks name an option as the caller passes it (`defaultDueDays`): its last segment.
      if (!byField.has(`.${field.option}`)) byField.set(`.${field.option}`, index + 1)
    }
  })
  const columnOf = (field: string) => {
    const exact = byField.get(field)
    if (exact !== undefined) return exact
    const last = field.slice(field.lastIndexOf('.') + 1)
    return byField.get(`.${last}`)
  }
  return { fields, columnOf }
}

/**
 * Turns a CSV record into a row. An empty cell leaves the field out (unchanged);
 * a cell that is exactly `null`, unquoted, is null (so `description` is
 * cleared); quoted, `"null"` is the text. Option cells, unquoted, read `true`,
 * `false`, `null` and whole numbers as those values and `"…"` as a JSON string;
 * quoted cells are always text.
 */
function csvRow(record: CsvRecord, columns: CsvColumns, index: number): RawRow {
  const value: Record<string, unknown> = {}
  const options: Record<string, Record<string, unknown>> = {}
  const issues: RowIssue[] = []
  if (record.cells.length > columns.fields.length) {
    issues.push({
      field: '(row)',
      code: 'syntax',
      message: `has ${record.cells.length} cells; the header has ${columns.fields.length}`,
      column: columns.fields.length + 1,
    })
  }
  record.cells.forEach((cell, at) => {
    if (at >= columns.fields.length) return
    const field = columns.fields[at]
    const quoted = record.quoted[at] === true
    if (cell === '' && !quoted) return
    if (field === undefined) {
      issues.push({
        field: `column ${at + 1}`,
        code: 'unknown-field',
        message: 'has a value, but its column has no name in the header',
        column: at + 1,
      })
      return
    }
    const isNull = cell === 'null' && !quoted
    if ('field' in field) {
      value[field.field] = isNull ? null : cell
      return
    }
    let parsed: unknown = cell
    if (!quoted) {
      try {
        // The header was checked: the provider is known.
        const schemas = capabilitiesOf(field.provider as ProviderName).operations.update?.optionSchemas
        parsed = parseOptionValue(cell, schemas?.[field.option])
      } catch (error) {
        issues.push({
          field: `providerOptions.${field.provider}.${field.option}`,
          code: 'syntax',
          message: `starts and ends with a double quote, so it is read as a JSON string, and it is not one: ${(error as Error).message}`,
          column: at + 1,
        })
        return
      }
    }
    options[field.provider] = { ...options[field.provider], [field.option]: parsed }
  })
  if (Object.keys(options).length > 0) value.providerOptions = options
  return { index, line: record.line, value, issues, columnOf: columns.columnOf }
}

function jsonLineRow(text: string, line: number, index: number): RawRow {
  try {
    return { index, line, value: JSON.parse(text), issues: [] }
  } catch {
    const offset = jsonErrorOffset(text)
    const found = offset >= text.length ? 'the end of the line' : JSON.stringify(text[offset])
    return {
      index,
      line,
      value: undefined,
      issues: [
        {
          field: '(row)',
          code: 'syntax',
          message: `is not valid JSON: unexpected ${found}`,
          column: offset + 1,
        },
      ],
    }
  }
}

/** Grows a typed array as rows are found. */
class Offsets {
  values = new Float64Array(1024)
  count = 0
  push(value: number): void {
    if (this.count === this.values.length) {
      const grown = new Float64Array(this.values.length * 2)
      grown.set(this.values)
      this.values = grown
    }
    this.values[this.count++] = value
  }
}

/** JSON Lines and CSV: streamed in pass 1, rows read again by byte offset in pass 2. */
class StreamSource implements ChangeSource {
  readonly #offsets = new Offsets()
  #bytes = 0
  #columns: CsvColumns | undefined

  constructor(
    readonly format: 'jsonl' | 'csv',
    readonly path: string,
    readonly absolutePath: string,
    readonly handle: fs.FileHandle,
  ) {}

  async scan(onRow: (row: RawRow) => void): Promise<FileIdentity> {
    const hash = createHash('sha256')
    const splitter = this.format === 'jsonl' ? new LineSplitter() : undefined
    const parser = this.format === 'csv' ? new CsvParser() : undefined
    let index = 0
    let position = 0
    const take = (chunk: Buffer, final: boolean) => {
      if (splitter !== undefined) {
        for (const { text, line, offset } of splitter.push(chunk, final)) {
          this.#offsets.push(offset)
          onRow(jsonLineRow(text, line, index++))
        }
        return
      }
      for (const record of (parser as CsvParser).push(chunk, final)) {
        if (this.#columns === undefined) {
          this.#columns = readHeader(record, this.path)
          continue
        }
        this.#offsets.push(record.offset)
        onRow(csvRow(record, this.#columns, index++))
      }
    }
    try {
      for (;;) {
        const chunk = Buffer.allocUnsafe(chunkBytes)
        const { bytesRead } = await this.handle.read(chunk, 0, chunkBytes, position)
        if (bytesRead === 0) break
        position += bytesRead
        const data = chunk.subarray(0, bytesRead)
        hash.update(data)
        take(data, false)
      }
      take(Buffer.alloc(0), true)
    } catch (error) {
      if (error instanceof CsvSyntaxError)
        throw new InputError(`${this.path}:${error.line}:${error.column}: not valid CSV: ${error.message}`)
      if (error instanceof LineTooLongError)
        throw new InputError(`${this.path}:${error.line}: a line longer than 1 MiB; not a JSON Lines file?`)
      throw error
    }
    if (this.format === 'csv' && this.#columns === undefined)
      throw new InputError(`${this.path}: the file is empty`)
    this.#bytes = position
    return { path: this.absolutePath, bytes: position, sha256: hash.digest('hex') }
  }

  async read(indices: ArrayLike<number>): Promise<RawRow[]> {
    const rows: RawRow[] = []
    const offsets = this.#offsets.values
    const count = this.#offsets.count
    const end = (index: number) => (index + 1 < count ? (offsets[index + 1] as number) : this.#bytes)
    let at = 0
    while (at < indices.length) {
      const first = indices[at] as number
      let last = at
      while (
        last + 1 < indices.length &&
        end(indices[last + 1] as number) - (offsets[first] as number) <= maxSpanBytes
      )
        last++
      const from = offsets[first] as number
      const to = end(indices[last] as number)
      const span = Buffer.allocUnsafe(to - from)
      let filled = 0
      while (filled < span.length) {
        const { bytesRead } = await this.handle.read(span, filled, span.length - filled, from + filled)
        if (bytesRead === 0) break
        filled += bytesRead
      }
      for (let next = at; next <= last; next++) {
        const index = indices[next] as number
        const bytes = span.subarray((offsets[index] as number) - from, end(index) - from)
        rows.push(this.#parse(bytes, index))
      }
      at = last + 1
    }
    return rows
  }

  #parse(bytes: Buffer, index: number): RawRow {
    if (this.format === 'jsonl') return jsonLineRow(bytes.toString('utf8').trim(), 0, index)
    try {
      const [record] = new CsvParser().push(bytes, true)
      if (record !== undefined) return csvRow(record, this.#columns as CsvColumns, index)
    } catch {
      // Reported below as a changed row.
    }
    return {
      index,
      line: 0,
      value: undefined,
      issues: [{ field: '(row)', code: 'conflict', message: 'changed' }],
    }
  }

  close(): Promise<void> {
    return this.handle.close()
  }
}
