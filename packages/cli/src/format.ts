import { APIError, type UpdateCustomerGroupResult } from '@customer-groups/client'
import type { RowProblem } from './check-rows.js'

export function describeResult(result: UpdateCustomerGroupResult): string {
  const { group, warnings, response } = result
  const lines = [`${group.provider} group ${group.id} updated: ${JSON.stringify(group.name)}`]
  lines.push(`  description: ${group.description === null ? '(none)' : JSON.stringify(group.description)}`)
  if (group.createdAt !== undefined) lines.push(`  created: ${group.createdAt}`)
  if (group.updatedAt !== undefined) lines.push(`  updated: ${group.updatedAt}`)
  const own = group.providerMetadata?.[group.provider]
  for (const [key, value] of Object.entries(own ?? {})) lines.push(`  ${key}: ${JSON.stringify(value)}`)
  for (const warning of warnings)
    lines.push(`  warning: ${warning.field === undefined ? '' : `${warning.field}: `}${warning.message}`)
  lines.push(
    `  (HTTP ${response.status} after ${response.attempts} attempt(s)${response.requestId === undefined ? '' : `, request ${response.requestId}`})`,
  )
  return lines.join('\n')
}

export function resultJson(result: UpdateCustomerGroupResult): unknown {
  const { group, warnings, response } = result
  return {
    ok: true,
    group,
    warnings,
    response: { status: response.status, attempts: response.attempts, requestId: response.requestId },
  }
}

/** What the CLI says about an error: no body dumps, no headers, never a credential. */
export function errorSummary(error: unknown): { name: string; message: string; status?: number } {
  if (APIError.isInstance(error)) return { name: error.name, message: error.message, status: error.status }
  if (error instanceof Error) return { name: error.name, message: error.message }
  return { name: 'Error', message: String(error) }
}

export function describeProblems(file: string, problems: RowProblem[]): string {
  const lines = [`${file}: ${problems.length} row(s) have problems; nothing was sent.`]
  for (const { line, issues } of problems) {
    for (const issue of issues) lines.push(`  line ${line}: ${issue.field}: ${issue.message} (${issue.code})`)
  }
  return lines.join('\n')
}
