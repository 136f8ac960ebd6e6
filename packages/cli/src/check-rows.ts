import { type ArgumentIssue, checkCustomerGroupUpdate, type ProviderOptions } from '@customer-groups/client'
import type { CustomerGroupProvider } from '@customer-groups/runtime'
import type { ChangeRow } from './change-file.js'
import { isProviderName, type ProviderName, providerNames } from './providers.js'

/** A row that passed every check, ready to send. */
export interface Change {
  index: number
  line: number
  provider: ProviderName
  id: string
  name?: string
  description?: string | null
  providerOptions?: ProviderOptions
}

export interface RowProblem {
  line: number
  issues: ArgumentIssue[]
}

const knownKeys = new Set(['provider', 'id', 'name', 'description', 'providerOptions'])

/**
 * Checks every row with the same rules the facade and the provider specs apply,
 * without sending anything, and reports every problem of every row.
 */
export function checkRows(
  rows: ChangeRow[],
  providers: Record<ProviderName, CustomerGroupProvider>,
): { changes: Change[]; problems: RowProblem[] } {
  const changes: Change[] = []
  const problems: RowProblem[] = []
  for (const row of rows) {
    const issues: ArgumentIssue[] = []
    if (typeof row.value !== 'object' || row.value === null || Array.isArray(row.value)) {
      problems.push({
        line: row.line,
        issues: [{ field: '(row)', code: 'type', message: 'must be an object' }],
      })
      continue
    }
    const value = row.value as Record<string, unknown>
    for (const key of Object.keys(value)) {
      if (!knownKeys.has(key))
        issues.push({
          field: key,
          code: 'unknown-field',
          message: `is not one of ${[...knownKeys].join(', ')}`,
        })
    }
    const { provider, id, name, description, providerOptions } = value
    if (!isProviderName(provider)) {
      issues.push({
        field: 'provider',
        code: 'enum',
        message: `must be one of ${providerNames.join(', ')}`,
      })
    }
    const idText = typeof id === 'number' ? String(id) : id
    if (typeof idText !== 'string' || idText === '') {
      issues.push({ field: 'id', code: 'required', message: 'is required (a string or a number)' })
    }
    if (issues.length === 0 && isProviderName(provider) && typeof idText === 'string') {
      const change: Change = { index: row.index, line: row.line, provider, id: idText }
      if (name !== undefined) change.name = name as string
      if (description !== undefined) change.description = description as string | null
      if (providerOptions !== undefined) change.providerOptions = providerOptions as ProviderOptions
      issues.push(...checkCustomerGroupUpdate({ ...change, provider: providers[provider] }))
      if (issues.length === 0) changes.push(change)
    }
    if (issues.length > 0) problems.push({ line: row.line, issues })
  }
  return { changes, problems }
}
