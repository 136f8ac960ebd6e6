/** One line of a JSON Lines file, with where it is. */
export interface TextLine {
  text: string
  /** From 1. */
  line: number
  /** Byte offset of the line's first byte. */
  offset: number
}

/** A line longer than the limit: a JSON Lines row is never that long, so the file is not JSON Lines. */
export class LineTooLongError extends Error {
  override readonly name = 'LineTooLongError'
  constructor(readonly line: number) {
    super(`line ${line} is longer than 1 MiB`)
  }
}

const LF = 0x0a

/** Splits bytes into lines (LF or CRLF), streaming, skipping blank ones and a leading byte-order mark. */
export class LineSplitter {
  #carry: Buffer = Buffer.alloc(0)
  #base = 0
  #line = 1
  #started = false

  constructor(readonly maxLineBytes = 1024 * 1024) {}

  push(chunk: Buffer, final = false): TextLine[] {
    const buffer = this.#carry.length === 0 ? chunk : Buffer.concat([this.#carry, chunk])
    const lines: TextLine[] = []
    let start = 0
    if (!this.#started && (buffer.length >= 3 || final)) {
      this.#started = true
      if (buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf) start = 3
    }
    for (;;) {
      const end = buffer.indexOf(LF, start)
      if (end === -1) break
      this.#emit(buffer, start, end, lines)
      start = end + 1
    }
    if (final && start < buffer.length) {
      this.#emit(buffer, start, buffer.length, lines)
      start = buffer.length
    }
    if (buffer.length - start > this.maxLineBytes) throw new LineTooLongError(this.#line)
    this.#base += start
    this.#carry = Buffer.from(buffer.subarray(start))
    return lines
  }

  #emit(buffer: Buffer, start: number, end: number, lines: TextLine[]): void {
    if (end - start > this.maxLineBytes) throw new LineTooLongError(this.#line)
    const text = buffer.toString('utf8', start, end).trim()
    if (text !== '') lines.push({ text, line: this.#line, offset: this.#base + start })
    this.#line++
  }
}
