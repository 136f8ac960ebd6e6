/** One CSV record: its cells, which of them were quoted, and where it starts. */
export interface CsvRecord {
  cells: string[]
  /** `quoted[i]` is true when cell i was written in double quotes. */
  quoted: boolean[]
  /** Line the record starts on, from 1. */
  line: number
  /** Byte offset of the record's first byte in the input. */
  offset: number
}

/** A CSV structure problem, with the line and column (in characters, from 1) where it is. */
export class CsvSyntaxError extends Error {
  override readonly name = 'CsvSyntaxError'
  constructor(
    readonly line: number,
    readonly column: number,
    message: string,
  ) {
    super(message)
  }
}

const QUOTE = 0x22
const COMMA = 0x2c
const CR = 0x0d
const LF = 0x0a
const SPACE = 0x20
const TAB = 0x09

/** Column in characters of byte `at`, counting from `lineStart` (UTF-8 continuation bytes are not characters). */
function columnOf(buffer: Buffer, lineStart: number, at: number): number {
  let column = 1
  for (let index = lineStart; index < at; index++) if (((buffer[index] ?? 0) & 0xc0) !== 0x80) column++
  return column
}

/**
 * A streaming RFC 4180 parser over bytes, so byte offsets of records are exact:
 * cells separated by commas, records by LF or CRLF, double-quoted cells may hold
 * commas, line breaks and doubled quotes. Space around a quoted cell is ignored
 * and unquoted cells are trimmed. Empty lines, and lines of empty cells only,
 * are skipped. A UTF-8 byte-order mark at the start is skipped.
 */
export class CsvParser {
  #carry: Buffer = Buffer.alloc(0)
  /** Byte offset of `#carry[0]` in the input. */
  #base = 0
  #line = 1
  #started = false

  constructor(readonly maxRecordBytes = 1024 * 1024) {}

  /** Parses what `chunk` completes; with `final`, the rest too. Throws {@link CsvSyntaxError}. */
  push(chunk: Buffer, final = false): CsvRecord[] {
    const buffer = this.#carry.length === 0 ? chunk : Buffer.concat([this.#carry, chunk])
    let position = 0
    if (!this.#started) {
      if (buffer.length < 3 && !final) {
        this.#carry = buffer
        return []
      }
      this.#started = true
      if (buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf) position = 3
    }
    const records: CsvRecord[] = []
    for (;;) {
      const result = this.#record(buffer, position, final)
      if (result === undefined) break
      if (result.record !== undefined) records.push(result.record)
      position = result.next
      if (position >= buffer.length) break
    }
    const rest = buffer.subarray(position)
    if (rest.length > this.maxRecordBytes) {
      throw new CsvSyntaxError(
        this.#line,
        1,
        `a row longer than ${Math.round(this.maxRecordBytes / 1024)} KiB starts here; is a quoted cell never closed?`,
      )
    }
    this.#base += position
    this.#carry = Buffer.from(rest)
    return records
  }

  /** Reads one record from `start`; undefined when the buffer ends before the record does (and more is coming). */
  #record(
    buffer: Buffer,
    start: number,
    final: boolean,
  ): { record: CsvRecord | undefined; next: number } | undefined {
    const cells: string[] = []
    const quoted: boolean[] = []
    let position = start
    let lineStart = start
    let line = this.#line
    const fail = (at: number, message: string): never => {
      throw new CsvSyntaxError(line, columnOf(buffer, lineStart, at), message)
    }
    for (;;) {
      // One cell.
      while (position < buffer.length && (buffer[position] === SPACE || buffer[position] === TAB)) position++
      if (position < buffer.length && buffer[position] === QUOTE) {
        const open = position
        const openLine = line
        const openLineStart = lineStart
        position++
        const parts: Buffer[] = []
        let from = position
        for (;;) {
          if (position >= buffer.length) {
            if (!final) return undefined
            line = openLine
            lineStart = openLineStart
            return fail(open, 'a quoted cell starts here and is never closed')
          }
          const byte = buffer[position]
          if (byte === QUOTE) {
            if (position + 1 >= buffer.length && !final) return undefined
            if (buffer[position + 1] === QUOTE) {
              parts.push(buffer.subarray(from, position + 1))
              position += 2
              from = position
              continue
            }
            parts.push(buffer.subarray(from, position))
            position++
            break
          }
          if (byte === LF) {
            line++
            lineStart = position + 1
          }
          position++
        }
        cells.push((parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts)).toString('utf8'))
        quoted.push(true)
        while (position < buffer.length && (buffer[position] === SPACE || buffer[position] === TAB))
          position++
        const after = buffer[position]
        if (position < buffer.length && after !== COMMA && after !== LF && after !== CR) {
          fail(position, 'text after the closing quote of a cell (write a quote inside a quoted cell as "")')
        }
      } else {
        const from = position
        while (position < buffer.length) {
          const byte = buffer[position]
          if (byte === COMMA || byte === LF || byte === CR) break
          if (byte === QUOTE)
            fail(position, 'a quote inside an unquoted cell (quote the whole cell and write the quote as "")')
          position++
        }
        if (position >= buffer.length && !final) return undefined
        cells.push(buffer.toString('utf8', from, position).trim())
        quoted.push(false)
      }
      // After a cell: a comma, the end of the record, or the end of the input.
      if (position >= buffer.length) {
        if (!final) return undefined
        return this.#finish(cells, quoted, start, buffer.length, line)
      }
      const byte = buffer[position]
      if (byte === COMMA) {
        position++
        continue
      }
      if (byte === CR) {
        if (position + 1 >= buffer.length && !final) return undefined
        position += buffer[position + 1] === LF ? 2 : 1
      } else position++
      return this.#finish(cells, quoted, start, position, line + 1)
    }
  }

  #finish(cells: string[], quoted: boolean[], start: number, next: number, nextLine: number) {
    const line = this.#line
    this.#line = nextLine
    const empty = cells.every((cell, index) => cell === '' && quoted[index] !== true)
    return {
      record: empty ? undefined : { cells, quoted, line, offset: this.#base + start },
      next,
    }
  }
}
