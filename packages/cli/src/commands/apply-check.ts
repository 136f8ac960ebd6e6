import type { IssueCode } from '@customer-groups/runtime'
import { type Accounts, accountKey, describeAccount } from '../accounts.js'
import type { ChangeSource, FileIdentity, RowIssue } from '../input/source.js'
import type { JournalState } from '../journal.js'
import type { ProviderName } from '../providers.js'
import { type Change, changeHash, checkRow, groupOf, rowKey } from '../rows.js'
import { safeText } from '../terminal-text.js'

/** A problem found before sending: a row's field, an account, a path. */
export interface Problem {
  line?: number
  column?: number
  field?: string
  code?: IssueCode
  message: string
}

/** Growable list of row indices. */
export class Indices {
  values = new Uint32Array(256)
  count = 0
  push(value: number): void {
    if (this.count === this.values.length) {
      const grown = new Uint32Array(this.values.length * 2)
      grown.set(this.values)
      this.values = grown
    }
    this.values[this.count++] = value
  }
}

/** An account with rows to send in this run. */
export interface AccountPlan {
  provider: ProviderName
  account: string | undefined
  rows: Indices
  firstLine: number
}

/** What pass 1 keeps of the file: per row only what resume, order and the second pass need. */
export interface ApplyCheck {
  identity: FileIdentity
  rowCount: number
  rowProblems: number
  problems: Problem[]
  /** Line of each row, by row index. */
  rowLines: Uint32Array
  /** Each row's journal key as two 32-bit halves. */
  keys: Uint32Array
  /** The occurrence of a change repeated in its group, for the rows beyond the first. */
  occurrences: Map<number, number>
  /** Accounts with rows to send, in the order they first appear. */
  plans: Map<string, AccountPlan>
  /** Rows the journal has done. */
  skipped: number
  /** Rows not done whose group has a later row done: sending them would undo it. */
  superseded: number
  /** Per group with a row done in the journal, the index of the last such row. */
  lastDone: Map<string, number>
  /** Rows whose outcome the journal left unknown (in flight when a run stopped): sent again. */
  willResend: number
  duplicateCount: number
  duplicates: string[]
}

export const maxListed = 200
export const maxSummaryLines = 20

/**
 * Pass 1 of `apply`: reads every row once and checks everything that can be
 * known before sending, keeping only a few bytes per row. Rows the journal
 * has done are skipped, and so are rows whose group has a later row done.
 */
export async function checkApplyFile(
  source: ChangeSource,
  accounts: Accounts,
  previous: JournalState | undefined,
): Promise<ApplyCheck> {
  const check: Omit<ApplyCheck, 'identity'> = {
    rowCount: 0,
    rowProblems: 0,
    problems: [],
    rowLines: new Uint32Array(1024),
    keys: new Uint32Array(2048),
    occurrences: new Map(),
    plans: new Map(),
    skipped: 0,
    superseded: 0,
    lastDone: new Map(),
    willResend: 0,
    duplicateCount: 0,
    duplicates: [],
  }
  const seenHashes = new Map<string, number>()
  const firstLines = new Map<string, number>()
  // Per group, rows not done since its last done row: superseded if a later row is done.
  const pending = new Map<string, number>()
  const identity = await source.scan((row) => {
    check.rowCount++
    grow(check, row.index)
    check.rowLines[row.index] = row.line
    const { change, issues } = checkRow(row, accounts)
    if (change === undefined) {
      check.rowProblems++
      for (const issue of issues)
        if (check.problems.length < maxListed) check.problems.push(rowProblem(row.line, issue, row.columnOf))
      return
    }
    const hash = changeHash(change)
    const occurrence = (seenHashes.get(hash) ?? 0) + 1
    seenHashes.set(hash, occurrence)
    if (occurrence > 1) check.occurrences.set(row.index, occurrence)
    const key = rowKey(hash, occurrence)
    check.keys[row.index * 2] = Number.parseInt(key.slice(0, 8), 16)
    check.keys[row.index * 2 + 1] = Number.parseInt(key.slice(8), 16)
    const group = groupOf(change)
    noteDuplicate(check, firstLines, group, change, row.line)
    const outcome = previous?.outcomes.get(key)
    if (outcome === 'done') {
      check.skipped++
      check.superseded += pending.get(group) ?? 0
      pending.delete(group)
      check.lastDone.set(group, row.index)
      return
    }
    if (previous !== undefined) pending.set(group, (pending.get(group) ?? 0) + 1)
    if (outcome === 'unknown') check.willResend++
    const planKey = accountKey(change.provider, change.account)
    let plan = check.plans.get(planKey)
    if (plan === undefined) {
      plan = { provider: change.provider, account: change.account, rows: new Indices(), firstLine: row.line }
      check.plans.set(planKey, plan)
    }
    plan.rows.push(row.index)
  })
  for (const plan of check.plans.values()) {
    for (const problem of accounts.resolve(plan.provider, plan.account).problems) {
      check.problems.push({
        message: `${describeAccount(plan.provider, plan.account)}: ${problem} (needed by ${plan.rows.count} row(s), the first on line ${plan.firstLine})`,
      })
    }
  }
  return { ...check, identity }
}

/** A row's journal key, from the two halves kept for it. */
export function keyOfRow(check: ApplyCheck, index: number): string {
  const half = (at: number) => (check.keys[at] as number).toString(16).padStart(8, '0')
  return `${half(index * 2)}${half(index * 2 + 1)}`
}

export function describeRow(change: Change): string {
  return safeText(
    `${change.provider}${change.account === undefined ? '' : ` ${change.account}`} ${change.id}`,
  )
}

export function describeProblem(problem: Problem): string {
  if (problem.line === undefined) return safeText(problem.message)
  const where = `line ${problem.line}${problem.column === undefined ? '' : `, column ${problem.column}`}`
  return safeText(`${where}: ${problem.field}: ${problem.message} (${problem.code})`)
}

function grow(check: Omit<ApplyCheck, 'identity'>, index: number): void {
  if (index < check.rowLines.length) return
  const lines = new Uint32Array(check.rowLines.length * 2)
  lines.set(check.rowLines)
  check.rowLines = lines
  const keys = new Uint32Array(check.keys.length * 2)
  keys.set(check.keys)
  check.keys = keys
}

function noteDuplicate(
  check: Omit<ApplyCheck, 'identity'>,
  firstLines: Map<string, number>,
  group: string,
  change: Change,
  line: number,
): void {
  const firstLine = firstLines.get(group)
  if (firstLine === undefined) {
    firstLines.set(group, line)
    return
  }
  check.duplicateCount++
  if (check.duplicates.length < maxSummaryLines)
    check.duplicates.push(
      `line ${line}: ${describeRow(change)} is also changed on line ${firstLine}; the rows run one after another, in file order`,
    )
}

function rowProblem(
  line: number,
  issue: RowIssue,
  columnOf: ((field: string) => number | undefined) | undefined,
): Problem {
  const column = issue.column ?? columnOf?.(issue.field)
  return {
    line,
    ...(column !== undefined && { column }),
    field: issue.field,
    code: issue.code,
    message: issue.message,
  }
}
