import { constants, promises as fs } from 'node:fs'
import { LineSplitter, LineTooLongError } from './input/lines.js'
import type { FileIdentity } from './input/source.js'
import { describeFsError } from './input/whole-file.js'
import { createExclusive, openForAppend, writableFileProblem } from './secure-file.js'
import { InputError } from './usage-error.js'

export const journalTool = 'customer-groups apply'
/** What `customer-groups sync` writes in its journals' header: `apply` refuses to resume one, and the reverse. */
export const syncJournalTool = 'customer-groups sync'
export type JournalTool = typeof journalTool | typeof syncJournalTool
export const journalVersion = 1

/** The journal's first line: what wrote it, and for which file. */
export interface JournalHeader {
  journal: JournalTool
  version: typeof journalVersion
  created: string
  file: FileIdentity
}

export interface RowWarning {
  type: string
  field?: string
  message: string
}

export interface RowError {
  name: string
  message: string
  status?: number
  outcome?: 'failed' | 'unknown'
}

/** One line of the journal after the header. `key` identifies the row's change (see rowKey). */
export type JournalRecord =
  | { run: number; at: string; file: FileIdentity; concurrency: number }
  | { start: string; line: number; provider: string; account?: string; id: string }
  /** A sync action: what it does, to the group of this id or (a create) of this name. */
  | {
      start: string
      line: number
      provider: string
      account?: string
      action: 'create' | 'update' | 'delete'
      id?: string
      name: string
    }
  | { done: string; line: number; warnings?: RowWarning[] }
  | { failed: string; line: number; error: RowError }
  /** Not sent: its group changed since the plan (updated, renamed, deleted, or a create's name taken). */
  | {
      stale: string
      line: number
      kind: 'updated' | 'renamed' | 'deleted' | 'exists'
      message: string
      changes?: { field: string; expected: unknown; found: unknown }[]
    }
  /** Ended with its outcome unknown (aborted in flight, a lost answer): it may have happened. */
  | { aborted: string; line: number; error?: RowError }
  /** Not sent, and why (an earlier change of its group did not end done, its shop refused the credential). */
  | {
      notRun: string
      line: number
      provider: string
      account?: string
      id?: string
      action?: 'create' | 'update' | 'delete'
      name?: string
      reason: string
    }
  | { end: number; at: string; counts: Record<string, number> }

/** What a row's key last came to across the journal's runs; `done` is never undone. */
export type RowOutcome = 'done' | 'failed' | 'unknown'

export interface JournalState {
  header: JournalHeader
  /** The file of the header and of every run since. */
  files: FileIdentity[]
  lastRun: number
  outcomes: Map<string, RowOutcome>
  /** Keys recorded done since the last run that ended: what the runs cut short finished. */
  doneSinceLastEnd: Set<string>
  /** Bytes up to the end of the last whole record: a record cut short by a crash is dropped on resume. */
  validLength: number
  /** A record cut short at the end (the process was killed while writing it). */
  tornTail: boolean
  /** The last whole record lacks its line feed. */
  needsNewline: boolean
}

const keyPattern = /^[0-9a-f]{16}$/
const isLine = (value: unknown) => Number.isSafeInteger(value) && (value as number) > 0
const isText = (value: unknown) => typeof value === 'string'

function fileProblem(file: unknown): string | undefined {
  const { path, bytes, sha256 } = (file ?? {}) as Record<string, unknown>
  if (typeof file !== 'object' || file === null) return 'file must be { path, bytes, sha256 }'
  if (!isText(path) || !Number.isSafeInteger(bytes) || !isText(sha256))
    return 'file must be { path, bytes, sha256 }'
  return undefined
}

/** What is wrong with a record, or undefined. */
function recordProblem(record: Record<string, unknown>): string | undefined {
  const events = ['run', 'start', 'done', 'failed', 'stale', 'aborted', 'notRun', 'end'].filter(
    (event) => event in record,
  )
  if (events.length !== 1)
    return 'a record has exactly one of run, start, done, failed, stale, aborted, notRun, end'
  const [event] = events
  if (event === 'run') {
    if (!isLine(record.run)) return 'run must be a run number'
    return fileProblem(record.file)
  }
  if (event === 'end') return isLine(record.end) ? undefined : 'end must be a run number'
  const key = record[event as string]
  if (!isText(key) || !keyPattern.test(key as string)) return `${event} must be a row key (16 hex digits)`
  if (!isLine(record.line)) return 'line must be a line number'
  if (event === 'start' && (!isText(record.provider) || (!isText(record.id) && !isText(record.name))))
    return 'start needs provider and id (or name)'
  if (event === 'failed' && (typeof record.error !== 'object' || record.error === null))
    return 'failed needs error'
  return undefined
}

/**
 * Reads a journal to resume from. A journal that is not one, or has a bad
 * record before its end, is refused with the line at fault (exit code 2); a
 * last record cut short by a crash is dropped.
 */
export async function readJournal(path: string, tool: JournalTool = journalTool): Promise<JournalState> {
  let handle: fs.FileHandle
  try {
    handle = await fs.open(path, constants.O_RDONLY | constants.O_NOFOLLOW)
  } catch (error) {
    throw new InputError(`Cannot read the journal ${path}: ${describeFsError(error)}`)
  }
  const fail = (line: number, message: string): never => {
    throw new InputError(`${path}:${line}: not a journal of ${tool}: ${message}`)
  }
  try {
    if (!(await handle.stat()).isFile())
      throw new InputError(`Cannot read the journal ${path}: not a regular file`)
    const splitter = new LineSplitter()
    let header: JournalHeader | undefined
    const files: FileIdentity[] = []
    const outcomes = new Map<string, RowOutcome>()
    const doneSinceLastEnd = new Set<string>()
    let lastRun = 0
    let position = 0
    let lastByte = -1
    let pendingLine: { text: string; line: number; offset: number } | undefined
    let validLength = 0
    const take = (text: string, line: number, offset: number, end: number) => {
      let record: Record<string, unknown>
      try {
        record = JSON.parse(text) as Record<string, unknown>
      } catch (error) {
        return fail(line, `not JSON (${(error as Error).message})`)
      }
      if (typeof record !== 'object' || record === null || Array.isArray(record))
        return fail(line, 'not a record')
      if (header === undefined) {
        if (record.journal !== tool) return fail(line, `the first line must be the journal header`)
        if (record.version !== journalVersion)
          return fail(line, `version ${String(record.version)}; this CLI reads version ${journalVersion}`)
        const problem = fileProblem(record.file)
        if (problem !== undefined) return fail(line, problem)
        header = record as unknown as JournalHeader
        files.push(header.file)
      } else {
        const problem = recordProblem(record)
        if (problem !== undefined) return fail(line, problem)
        if ('run' in record) {
          lastRun = Math.max(lastRun, record.run as number)
          files.push(record.file as FileIdentity)
        } else if ('start' in record) {
          const key = record.start as string
          if (outcomes.get(key) !== 'done') outcomes.set(key, 'unknown')
        } else if ('done' in record) {
          outcomes.set(record.done as string, 'done')
          doneSinceLastEnd.add(record.done as string)
        } else if ('end' in record) doneSinceLastEnd.clear()
        else if ('failed' in record || 'stale' in record) {
          // Stale is not sent: as a failure, it is sent (or found stale) again on resume.
          const key = (record.failed ?? record.stale) as string
          if (outcomes.get(key) !== 'done') outcomes.set(key, 'failed')
        } else if ('aborted' in record) {
          const key = record.aborted as string
          if (outcomes.get(key) !== 'done') outcomes.set(key, 'unknown')
        }
      }
      validLength = end
      void offset
    }
    const chunk = Buffer.alloc(256 * 1024)
    for (;;) {
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, position)
      if (bytesRead === 0) break
      const data = Buffer.from(chunk.subarray(0, bytesRead))
      position += bytesRead
      lastByte = data[data.length - 1] ?? lastByte
      for (const line of splitter.push(data)) {
        if (pendingLine !== undefined)
          take(pendingLine.text, pendingLine.line, pendingLine.offset, line.offset)
        pendingLine = line
      }
    }
    for (const line of splitter.push(Buffer.alloc(0), true)) {
      if (pendingLine !== undefined) take(pendingLine.text, pendingLine.line, pendingLine.offset, line.offset)
      pendingLine = line
    }
    let tornTail = false
    let needsNewline = false
    if (pendingLine !== undefined) {
      const endsWithNewline = lastByte === 0x0a
      try {
        take(pendingLine.text, pendingLine.line, pendingLine.offset, position)
        needsNewline = !endsWithNewline
      } catch (error) {
        // Only the very last line may be cut short, and only without its line feed.
        if (endsWithNewline || header === undefined) throw error
        tornTail = true
        validLength = pendingLine.offset
      }
    }
    if (header === undefined) throw new InputError(`${path}: not a journal of ${tool}: the file is empty`)
    return {
      header,
      files,
      lastRun: Math.max(lastRun, 1),
      outcomes,
      doneSinceLastEnd,
      validLength,
      tornTail,
      needsNewline,
    }
  } catch (error) {
    if (error instanceof LineTooLongError) fail(error.line, 'a line longer than 1 MiB')
    throw error
  } finally {
    await handle.close()
  }
}

/**
 * Appends records in batches. `append` only buffers; `flush` writes what is
 * buffered in one write and resolves once the bytes are in the file (they
 * survive the process being killed). After a failed write every later flush
 * fails too, so a run stops rather than send rows it cannot record.
 */
export class JournalWriter {
  #pending: string[] = []
  #tail: Promise<void> = Promise.resolve()
  #error: Error | undefined
  #bytes = 0

  private constructor(
    readonly path: string,
    readonly handle: fs.FileHandle,
  ) {}

  /** Creates a new journal (0600, exclusively, never through a symbolic link) and writes its header. */
  static async create(path: string, header: JournalHeader): Promise<JournalWriter> {
    const writer = new JournalWriter(path, await createExclusive(path, true))
    writer.append(header)
    await writer.flush()
    return writer
  }

  /** Opens a journal read with {@link readJournal} to append to it, dropping a record cut short. */
  static async reopen(path: string, state: JournalState): Promise<JournalWriter> {
    const handle = await openForAppend(path)
    if (state.tornTail) await handle.truncate(state.validLength)
    const writer = new JournalWriter(path, handle)
    if (state.needsNewline) writer.#pending.push('')
    return writer
  }

  /** Bytes written so far by this writer. */
  get bytesWritten(): number {
    return this.#bytes
  }

  get error(): Error | undefined {
    return this.#error
  }

  append(record: JournalRecord | JournalHeader): void {
    this.#pending.push(JSON.stringify(record))
  }

  flush(): Promise<void> {
    if (this.#pending.length === 0) return this.#tail
    const data = Buffer.from(`${this.#pending.join('\n')}\n`)
    this.#pending = []
    this.#tail = this.#tail.then(() => this.#write(data))
    return this.#tail
  }

  async #write(data: Buffer): Promise<void> {
    if (this.#error !== undefined) throw this.#error
    try {
      let written = 0
      while (written < data.length) {
        const { bytesWritten } = await this.handle.write(data, written, data.length - written)
        written += bytesWritten
      }
      this.#bytes += written
    } catch (error) {
      this.#error = new Error(`Cannot write the journal ${this.path}: ${describeFsError(error)}`)
      throw this.#error
    }
  }

  async close(): Promise<void> {
    try {
      await this.flush()
      await this.handle.sync()
    } finally {
      await this.handle.close()
    }
  }
}

/**
 * The one journal rule of `apply` and `sync`. A journal belongs to one file
 * and one command. A new one is created; an existing one is resumed (what it
 * recorded done is not sent again) when it was written by the same command
 * for this file (see {@link journalBelongs}), and refused otherwise. This
 * reads the journal to resume, if there is one, and says what stops the run
 * before anything is sent (exit code 2).
 */
export async function readJournalForRun(
  path: string,
  tool: JournalTool,
  /** `apply --resume JOURNAL`: the journal must be there. */
  mustExist: boolean,
): Promise<{ previous?: JournalState; problems: string[] }> {
  const problem = await writableFileProblem(path, false)
  if (problem !== undefined) return { problems: [`the journal ${path}: ${problem}`] }
  try {
    await fs.lstat(path)
  } catch {
    return { problems: mustExist ? [`the journal ${path} does not exist: there is nothing to resume`] : [] }
  }
  return { previous: await readJournal(path, tool), problems: [] }
}

/**
 * Why a journal may not be resumed for this file, or `undefined` when it may:
 * it was written for this file (the same path, or the same content), or
 * `forceResume` says to take it anyway.
 */
export function journalBelongs(
  previous: JournalState | undefined,
  file: FileIdentity,
  path: string,
  forceResume: boolean,
): string | undefined {
  if (previous === undefined || forceResume) return undefined
  if (previous.files.some((known) => known.path === file.path || known.sha256 === file.sha256))
    return undefined
  return `the journal ${path} was written for ${previous.header.file.path}, not for ${file.path} (whose content differs too); name another journal with --journal PATH, or pass --force-resume to resume from it anyway`
}
