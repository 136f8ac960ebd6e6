import type { NormalizedCustomerGroup } from '@customer-groups/runtime'
import type { FieldChange, PlannedRequest } from './customer-group-plan.js'
import { sameValue } from './group-changes.js'

/**
 * The field changes a create or update makes, from what it sends and the
 * group it found: what a plan shows for review, derived again when a saved
 * plan is loaded so that what it shows is what it sends. A provider option
 * the group does not show (Shoptet's `language`) is sent, never a change.
 */
export function plannedChanges(
  providerId: string,
  action: {
    type: 'create' | 'update'
    request: PlannedRequest
    current?: NormalizedCustomerGroup | undefined
  },
): FieldChange[] {
  const { request, current } = action
  const options = request.providerOptions?.[providerId] ?? {}
  if (action.type === 'create' || current === undefined) {
    const changes: FieldChange[] = [{ field: 'name', from: undefined, to: request.name }]
    if (request.description !== undefined)
      changes.push({ field: 'description', from: undefined, to: request.description })
    for (const [option, value] of Object.entries(options))
      changes.push({ field: `providerOptions.${providerId}.${option}`, from: undefined, to: value })
    return changes
  }
  const changes: FieldChange[] = []
  // Canonically equivalent spellings (é as one character or as e + accent) are the same name.
  if (request.name !== undefined && request.name.normalize('NFC') !== current.name.normalize('NFC'))
    changes.push({ field: 'name', from: current.name, to: request.name })
  if (request.description !== undefined && request.description !== current.description)
    changes.push({ field: 'description', from: current.description, to: request.description })
  const stored =
    (current.providerMetadata as Record<string, Record<string, unknown>> | undefined)?.[providerId] ?? {}
  for (const [option, value] of Object.entries(options))
    if (Object.hasOwn(stored, option) && !sameValue(stored[option], value))
      changes.push({ field: `providerOptions.${providerId}.${option}`, from: stored[option], to: value })
  return changes
}
