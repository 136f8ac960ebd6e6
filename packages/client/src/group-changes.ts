import { canonicalJson, type GroupChange, type NormalizedCustomerGroup } from '@customer-groups/runtime'
import type { Staleness } from './customer-group-plan.js'

/** Equal as stored: `0.15` and `"0.1500"` are the same ratio; objects compare by content. */
export function sameValue(stored: unknown, wanted: unknown): boolean {
  if (stored === wanted) return true
  const number = (value: unknown) =>
    typeof value === 'number'
      ? value
      : typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value)
        ? Number(value)
        : undefined
  const [a, b] = [number(stored), number(wanted)]
  if (a !== undefined && b !== undefined) return a === b
  return canonicalJson(stored) === canonicalJson(wanted)
}

/** A group's provider fields, under its provider's id. */
export function ownMetadata(group: NormalizedCustomerGroup): Record<string, unknown> {
  const metadata = group.providerMetadata as Record<string, Record<string, unknown> | undefined> | undefined
  return metadata?.[group.provider] ?? {}
}

/**
 * What differs between a group as it was read and as it is now: its name,
 * description and version (`updatedAt`, where both have one), and with
 * `metadata` its provider fields one by one. Compare provider fields only
 * between two reads of one kind (two lists): another endpoint may show others.
 */
export function changesSince(
  expected: NormalizedCustomerGroup,
  found: NormalizedCustomerGroup,
  options: { metadata?: boolean } = {},
): GroupChange[] {
  const changes: GroupChange[] = []
  if (expected.name.normalize('NFC') !== found.name.normalize('NFC'))
    changes.push({ field: 'name', expected: expected.name, found: found.name })
  if (expected.description !== found.description)
    changes.push({ field: 'description', expected: expected.description, found: found.description })
  if (
    expected.updatedAt !== undefined &&
    found.updatedAt !== undefined &&
    expected.updatedAt !== found.updatedAt
  )
    changes.push({ field: 'updatedAt', expected: expected.updatedAt, found: found.updatedAt })
  if (options.metadata !== true) return changes
  const [before, after] = [ownMetadata(expected), ownMetadata(found)]
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)]))
    if (canonicalJson(before[key]) !== canonicalJson(after[key]))
      changes.push({
        field: `providerOptions.${found.provider}.${key}`,
        expected: before[key],
        found: after[key],
      })
  return changes
}

const shown = (value: unknown) => {
  const text = JSON.stringify(value === undefined ? null : value) ?? 'null'
  return text.length > 100 ? `${text.slice(0, 99)}…` : text
}

/** Why an action is stale, from what changed; its kind follows the name. */
export function staleness(
  found: { changes: GroupChange[]; group?: NormalizedCustomerGroup | undefined },
  kind?: 'deleted' | 'exists',
): Staleness {
  const { changes, group } = found
  if (kind === 'deleted') return { kind, changes: [], message: 'deleted since the plan' }
  if (kind === 'exists')
    return {
      kind,
      changes: [],
      ...(group !== undefined && { group }),
      message: `a group of that name exists since the plan (id ${group?.id.slice(0, 50) ?? '?'})`,
    }
  const renamed = changes.some((change) => change.field === 'name')
  const listed = changes
    .map((change) => `${change.field} ${shown(change.expected)} → ${shown(change.found)}`)
    .join('; ')
  return {
    kind: renamed ? 'renamed' : 'updated',
    changes,
    ...(group !== undefined && { group }),
    message: `${renamed ? 'renamed' : 'changed'} since the plan: ${listed}`,
  }
}
