import {
  APIError,
  type GroupResult,
  InvalidArgumentError,
  InvalidResponseError,
  type NormalizedCustomerGroup,
  type ProviderWarning,
  RedirectError,
  type ResponseMetadata,
} from '@customer-groups/client'
import { safeText } from './terminal-text.js'

/** One group's result for people: every value that came from the server is printed escaped. */
export function describeResult(
  result: Pick<GroupResult<unknown, 'update'>, 'group' | 'warnings' | 'response'>,
  verb: string,
): string {
  const { group, warnings, response } = result
  const lines = [
    `${safeText(group.provider)} group ${safeText(group.id)} ${verb}: ${safeText(JSON.stringify(group.name))}`,
    ...describeGroupDetails(group),
  ]
  for (const warning of warnings) lines.push(`  warning: ${describeWarning(warning)}`)
  lines.push(`  (${describeResponse(response)})`)
  return lines.join('\n')
}

function describeGroupDetails(group: NormalizedCustomerGroup): string[] {
  const lines = [
    `  description: ${group.description === null ? '(none)' : safeText(JSON.stringify(group.description))}`,
  ]
  if (group.createdAt !== undefined) lines.push(`  created: ${safeText(group.createdAt)}`)
  if (group.updatedAt !== undefined) lines.push(`  updated: ${safeText(group.updatedAt)}`)
  const own = (group.providerMetadata as Record<string, Record<string, unknown>> | undefined)?.[
    group.provider
  ]
  for (const [key, value] of Object.entries(own ?? {}))
    lines.push(`  ${safeText(key)}: ${safeText(JSON.stringify(value))}`)
  return lines
}

export function describeResponse(response: ResponseMetadata<unknown>): string {
  const requestId = response.requestId === undefined ? '' : `, request ${safeText(response.requestId)}`
  return `HTTP ${response.status} after ${response.attempts} attempt(s)${requestId}`
}

export function describeWarning(warning: { field?: string | undefined; message: string }): string {
  return safeText(`${warning.field === undefined ? '' : `${warning.field}: `}${warning.message}`)
}

/**
 * Groups as a table: aligned columns on a terminal, tab-separated lines with
 * a header row otherwise (for `cut`, `awk` and spreadsheets). Text is escaped
 * either way, and a tab in a value is shown as `\t`. UPDATED is there only
 * when the provider's groups carry the time (Shoptet's do not).
 */
export function groupTable(groups: NormalizedCustomerGroup[], terminal: boolean): string {
  const columns: [title: string, width: number, cell: (group: NormalizedCustomerGroup) => string][] = [
    ['ID', 20, (group) => safeText(group.id)],
    ['NAME', 40, (group) => safeText(group.name)],
    ['DESCRIPTION', 50, (group) => (group.description === null ? '' : safeText(group.description))],
  ]
  if (groups.some((group) => group.updatedAt !== undefined))
    columns.push(['UPDATED', 20, (group) => safeText(group.updatedAt ?? '')])
  const header = columns.map(([title]) => title)
  const rows = groups.map((group) => columns.map(([, , cell]) => cell(group)))
  if (!terminal) return [header, ...rows].map((row) => row.join('\t')).join('\n')
  const cut = (text: string, width: number) => (text.length <= width ? text : `${text.slice(0, width - 1)}…`)
  const widths = columns.map(([title, limit], column) =>
    Math.min(limit, Math.max(title.length, ...rows.map((row) => row[column]?.length ?? 0))),
  )
  const line = (row: string[]) =>
    row
      .map((cell, column) => cut(cell, widths[column] ?? 40).padEnd(widths[column] ?? 0))
      .join('  ')
      .trimEnd()
  return [line(header), ...rows.map(line)].join('\n')
}

/** A result as `--json` prints it: what people and scripts need, never headers. */
export function resultJson(result: {
  warnings: ProviderWarning[]
  response: ResponseMetadata<unknown>
  group?: NormalizedCustomerGroup
  groups?: NormalizedCustomerGroup[]
  id?: string
}): unknown {
  const { warnings, response } = result
  const json: Record<string, unknown> = { ok: true }
  if (result.group !== undefined) json.group = result.group
  if (result.groups !== undefined) json.groups = result.groups
  if (result.id !== undefined) json.id = result.id
  json.warnings = warnings
  json.response = { status: response.status, attempts: response.attempts, requestId: response.requestId }
  return json
}

/** The provider problems an error summary keeps; the error itself keeps more. */
const summarizedErrors = 20

export interface ErrorSummary {
  name: string
  message: string
  status?: number
  requestId?: string
  /** The provider's own problems, as `{ code, message, instance? }`. */
  errors?: { code: string; message: string; instance?: string }[]
  /** Bad input: each field, rule and message. */
  issues?: { field: string; code: string; message: string }[]
  attempts?: number
  /** For a write: `failed` (it did not happen) or `unknown` (it may have). */
  outcome?: 'failed' | 'unknown'
}

/** What the CLI says about an error: no body dumps, no headers, never a credential. */
export function errorSummary(error: unknown): ErrorSummary {
  // An error status, a redirect or an unusable answer: each says what the provider answered.
  if (
    APIError.isInstance(error) ||
    RedirectError.isInstance(error) ||
    InvalidResponseError.isInstance(error)
  ) {
    const summary: ErrorSummary = { name: error.name, message: error.message, status: error.status }
    if (error.requestId !== undefined) summary.requestId = error.requestId
    if (APIError.isInstance(error) && error.errors.length > 0)
      summary.errors = error.errors.slice(0, summarizedErrors)
    if (error.attempts !== undefined) summary.attempts = error.attempts
    summary.outcome = error.outcome
    return summary
  }
  if (InvalidArgumentError.isInstance(error))
    return { name: error.name, message: error.message, issues: [...error.issues] }
  if (error instanceof Error) {
    const summary: ErrorSummary = { name: error.name, message: error.message }
    const { attempts, outcome } = error as { attempts?: unknown; outcome?: unknown }
    if (typeof attempts === 'number') summary.attempts = attempts
    if (outcome === 'failed' || outcome === 'unknown') summary.outcome = outcome
    return summary
  }
  return { name: 'Error', message: String(error) }
}
