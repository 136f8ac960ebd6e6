import { APIError, type UpdateCustomerGroupResult } from '@customer-groups/client'
import { safeText } from './terminal-text.js'

/** An update's result for people: every value that came from the server is printed escaped. */
export function describeResult(result: UpdateCustomerGroupResult): string {
  const { group, warnings, response } = result
  const lines = [
    `${safeText(group.provider)} group ${safeText(group.id)} updated: ${safeText(JSON.stringify(group.name))}`,
  ]
  lines.push(
    `  description: ${group.description === null ? '(none)' : safeText(JSON.stringify(group.description))}`,
  )
  if (group.createdAt !== undefined) lines.push(`  created: ${safeText(group.createdAt)}`)
  if (group.updatedAt !== undefined) lines.push(`  updated: ${safeText(group.updatedAt)}`)
  const own = group.providerMetadata?.[group.provider]
  for (const [key, value] of Object.entries(own ?? {}))
    lines.push(`  ${safeText(key)}: ${safeText(JSON.stringify(value))}`)
  for (const warning of warnings) lines.push(`  warning: ${describeWarning(warning)}`)
  lines.push(
    `  (HTTP ${response.status} after ${response.attempts} attempt(s)${response.requestId === undefined ? '' : `, request ${safeText(response.requestId)}`})`,
  )
  return lines.join('\n')
}

export function describeWarning(warning: { field?: string | undefined; message: string }): string {
  return safeText(`${warning.field === undefined ? '' : `${warning.field}: `}${warning.message}`)
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
