import { createHash } from 'node:crypto'
import { type ArgumentIssue, checkCustomerGroupUpdate, type ProviderOptions } from '@customer-groups/client'
import { type CustomerGroupProvider, canonicalJson } from '@customer-groups/runtime'
import type { RawRow, RowIssue } from './input/source.js'
import { isProviderName, type ProviderName, providerNames } from './providers.js'

/** A row that passed every check, ready to send. */
export interface Change {
  provider: ProviderName
  /** The account named in the accounts file; undefined for the provider's default account. */
  account?: string
  id: string
  name?: string
  description?: string | null
  providerOptions?: ProviderOptions
}

/** What rows are checked against: the accounts they may name. */
export interface AccountDirectory {
  /** The provider of a named account, or undefined when there is no such account. */
  providerOf(account: string): ProviderName | undefined
  /** Whether an accounts file was given. */
  readonly hasFile: boolean
  /** The client a row's change is checked with. */
  clientFor(provider: ProviderName, account: string | undefined): CustomerGroupProvider
}

const knownKeys = ['provider', 'account', 'id', 'name', 'description', 'providerOptions']

/**
 * Reads a row into a change, reporting every problem of the row at once: its
 * shape, its account, and everything the provider's own checks find.
 */
export function checkRow(
  row: RawRow,
  accounts: AccountDirectory,
  options: { specChecks?: boolean } = {},
): { change?: Change; issues: RowIssue[] } {
  const issues: RowIssue[] = [...row.issues]
  if (row.value === undefined && issues.length > 0) return { issues }
  if (typeof row.value !== 'object' || row.value === null || Array.isArray(row.value)) {
    issues.push({
      field: '(row)',
      code: 'type',
      message: 'must be an object with provider, id and the fields to change',
    })
    return { issues }
  }
  const value = row.value as Record<string, unknown>
  for (const key of Object.keys(value)) {
    if (!knownKeys.includes(key))
      issues.push({ field: key, code: 'unknown-field', message: `is not one of ${knownKeys.join(', ')}` })
  }
  const { account, id, name, description, providerOptions } = value
  let provider: ProviderName | undefined
  if (value.provider !== undefined && !isProviderName(value.provider)) {
    issues.push({
      field: 'provider',
      code: 'enum',
      message: `must be one of ${providerNames.join(', ')}`,
    })
  } else provider = value.provider as ProviderName | undefined
  let accountName: string | undefined
  if (account !== undefined) {
    if (typeof account !== 'string' || account === '') {
      issues.push({ field: 'account', code: 'type', message: 'must be the name of an account' })
    } else if (!accounts.hasFile) {
      issues.push({
        field: 'account',
        code: 'enum',
        message: `names account "${account}", but no --accounts file was given`,
      })
    } else {
      const accountProvider = accounts.providerOf(account)
      if (accountProvider === undefined) {
        issues.push({
          field: 'account',
          code: 'enum',
          message: `"${account}" is not in the accounts file`,
        })
      } else if (provider !== undefined && provider !== accountProvider) {
        issues.push({
          field: 'provider',
          code: 'conflict',
          message: `is ${provider}, but account "${account}" is on ${accountProvider}`,
        })
      } else {
        provider = accountProvider
        accountName = account
      }
    }
  } else if (value.provider === undefined) {
    issues.push({
      field: 'provider',
      code: 'required',
      message: `is required (${providerNames.join(', ')}) unless the row names an account`,
    })
  }
  const idText = typeof id === 'number' && Number.isFinite(id) ? String(id) : id
  if (typeof idText !== 'string' || idText === '') {
    issues.push({ field: 'id', code: 'required', message: 'is required (a string or a number)' })
  }
  if (name !== undefined && typeof name !== 'string')
    issues.push({ field: 'name', code: 'type', message: 'must be a string' })
  if (description !== undefined && description !== null && typeof description !== 'string')
    issues.push({
      field: 'description',
      code: 'type',
      message: 'must be a string, or null to clear it',
    })
  if (provider === undefined || (account !== undefined && accountName === undefined)) return { issues }
  const change: Change = { provider, id: typeof idText === 'string' && idText !== '' ? idText : '1' }
  if (accountName !== undefined) change.account = accountName
  if (typeof name === 'string') change.name = name
  if (description === null || typeof description === 'string') change.description = description
  if (providerOptions !== undefined) change.providerOptions = providerOptions as ProviderOptions
  if (options.specChecks !== false)
    issues.push(...specIssues(change, accounts.clientFor(provider, accountName)))
  return issues.length === 0 ? { change, issues } : { issues: dedupe(issues) }
}

/**
 * Every issue the facade and the provider find. They stop at the first stage
 * that fails (a bad id hides the body's problems), so a stage's offending
 * fields are set aside and the rest is checked again.
 */
function specIssues(change: Change, client: CustomerGroupProvider): ArgumentIssue[] {
  const issues: ArgumentIssue[] = []
  let candidate: Change = change
  for (let round = 0; round < 3; round++) {
    const found = checkCustomerGroupUpdate({ ...candidate, provider: client })
    const fresh = found.filter((issue) => !issues.some((known) => sameIssue(known, issue)))
    if (fresh.length === 0) break
    issues.push(...fresh)
    candidate = withoutFields(candidate, found)
  }
  return issues
}

function withoutFields(change: Change, issues: ArgumentIssue[]): Change {
  const next: Change = { ...change }
  for (const { field } of issues) {
    if (field === 'id') next.id = '1'
    else if (field === 'name') delete next.name
    else if (field === 'description') delete next.description
    else if (field.startsWith('providerOptions.')) {
      const [, provider, option] = field.split('.')
      const options = { ...next.providerOptions }
      if (option === undefined && provider !== undefined) delete options[provider]
      else if (provider !== undefined && option !== undefined) {
        const own = { ...options[provider] }
        delete own[option]
        options[provider] = own
      }
      next.providerOptions = options
    }
  }
  return next
}

const sameIssue = (a: ArgumentIssue, b: ArgumentIssue) =>
  a.field === b.field && a.code === b.code && a.message === b.message

function dedupe(issues: RowIssue[]): RowIssue[] {
  return issues.filter((issue, index) => issues.findIndex((other) => sameIssue(other, issue)) === index)
}

/** The group a change belongs to: rows of one group run one after another, in file order. */
export function groupOf(change: Change): string {
  return `${change.provider}\0${change.account ?? ''}\0${change.id}`
}

/** A hash of what the change does to which group (64 bits, hex): the same change hashes the same wherever it sits. */
export function changeHash(change: Change): string {
  const { provider, account, id, name, description, providerOptions } = change
  return createHash('sha256')
    .update(canonicalJson({ provider, account: account ?? null, id, name, description, providerOptions }))
    .digest('hex')
    .slice(0, 16)
}

/**
 * The key a row has in the journal: its change's hash and, for the second and
 * later identical rows of a group, which occurrence it is, so that repeating
 * an earlier change after another one is not taken for the first.
 */
export function rowKey(hash: string, occurrence: number): string {
  if (occurrence <= 1) return hash
  return createHash('sha256').update(`${hash}#${occurrence}`).digest('hex').slice(0, 16)
}
