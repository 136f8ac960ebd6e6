import type { CustomerGroupPlan, PlannedAction, ProviderWarning, TargetPlan } from '@customer-groups/client'
import { errorSummary } from './format.js'
import { capabilitiesOf, isProviderName } from './providers.js'
import { safeText } from './terminal-text.js'

/** How `plan` prints the plan: `--format`. */
export const planFormats = ['text', 'json', 'markdown', 'html'] as const
export type PlanFormat = (typeof planFormats)[number]

/** A value as the plan shows it: JSON, escaped, cut at 80 characters. */
export function showValue(value: unknown): string {
  if (value === undefined) return '(none)'
  if (typeof value === 'string' && value.length > 60)
    return safeText(JSON.stringify(`${value.slice(0, 59)}…`))
  const text = JSON.stringify(value)
  return safeText(text.length > 80 ? `${text.slice(0, 79)}…` : text)
}

export function describeTarget(target: { providerId: string; account?: string | undefined }): string {
  return safeText(
    target.account === undefined
      ? `${target.providerId} (default account)`
      : `${target.providerId} account ${target.account}`,
  )
}

const describeWarning = (warning: ProviderWarning) =>
  safeText(`${warning.field === undefined ? '' : `${warning.field}: `}${warning.message}`)

/** `create "VIP"`, `update "VIP" (id 7)`: what an action is about. */
export function describeAction(action: PlannedAction): string {
  const id = 'id' in action ? ` (id ${safeText(action.id)})` : ''
  return `${action.type} ${showValue(action.name)}${id}`
}

/**
 * The plan for people, grouped by target: `+ create`, `~ update` with each
 * field old → new, `= unchanged` counted, `? extra`, `- delete`; every value
 * from the file or a server escaped.
 */
export function describePlan(plan: CustomerGroupPlan, file: string): string[] {
  const lines = [
    `Plan for ${safeText(file)} (names matched ${plan.matchNames === 'exact' ? 'exactly' : 'ignoring case and whitespace'}, ${plan.prune ? '--prune: extra groups are deleted where the provider can' : 'extra groups are kept'}):`,
  ]
  // One push per line: spreading a target's lines into one call overflows the stack past ~100 000.
  for (const target of plan.targets) {
    lines.push('')
    for (const line of describeTargetPlan(target, plan.prune)) lines.push(line)
  }
  lines.push(
    '',
    `${plan.changes === 0 ? 'No changes' : `${plan.changes} change(s)`}: ${describeCounts(changeCounts(plan))}.`,
  )
  return lines
}

/** How many actions of each type a plan (or one target's part) has, and its failed targets. */
export function changeCounts(
  plan: Pick<CustomerGroupPlan, 'actions'> & { failedTargets?: number },
): Record<PlannedAction['type'], number> & { failedTargets: number } {
  const counts = {
    create: 0,
    update: 0,
    delete: 0,
    unchanged: 0,
    extra: 0,
    failedTargets: plan.failedTargets ?? 0,
  }
  for (const action of plan.actions) counts[action.type]++
  return counts
}

/** `4 to create, 2 to update, 0 to delete; 0 unchanged, 2 extra`. */
export function describeCounts(counts: ReturnType<typeof changeCounts>): string {
  return `${counts.create} to create, ${counts.update} to update, ${counts.delete} to delete; ${counts.unchanged} unchanged, ${counts.extra} extra${counts.failedTargets > 0 ? `; ${counts.failedTargets} target(s) could not be planned` : ''}`
}

/** What becomes of a group the file does not list: only a provider that can delete deletes it, and only with --prune. */
function extraFate(providerId: string, prune: boolean): string {
  const canDelete = isProviderName(providerId) && capabilitiesOf(providerId).operations.delete !== undefined
  if (!canDelete) return `, and kept (${safeText(providerId)} cannot delete groups)`
  return prune ? ', and kept' : ' (--prune would delete it)'
}

function describeTargetPlan(target: TargetPlan, prune: boolean): string[] {
  const head = describeTarget(target)
  if (!target.ok) return [`${head}: could not be planned: ${safeText(target.error.message)}`]
  const lines = [`${head}:`]
  const unchanged = target.actions.filter((action) => action.type === 'unchanged')
  for (const action of target.actions) {
    if (action.type === 'unchanged') continue
    const sign = { create: '+', update: '~', delete: '-', extra: '?' }[action.type]
    let line = `  ${sign} ${describeAction(action)}`
    if (action.type === 'extra') line += `: not in the file${extraFate(target.providerId, prune)}`
    lines.push(line)
    if (action.type === 'create' || action.type === 'update')
      for (const change of action.changes.filter(
        (change) => action.type === 'update' || change.field !== 'name',
      ))
        lines.push(
          action.type === 'create'
            ? `      ${safeText(change.field)}: ${showValue(change.to)}`
            : `      ${safeText(change.field)}: ${showValue(change.from)} → ${showValue(change.to)}`,
        )
    for (const warning of action.warnings) lines.push(`      warning: ${describeWarning(warning)}`)
  }
  if (unchanged.length > 0) {
    lines.push(`  = ${unchanged.length} unchanged`)
    for (const action of unchanged)
      for (const warning of action.warnings)
        lines.push(`      ${showValue(action.name)}: warning: ${describeWarning(warning)}`)
  }
  for (const warning of target.warnings) lines.push(`  warning: ${describeWarning(warning)}`)
  if (target.actions.length === 0) lines.push('  (no groups, none desired)')
  return lines
}

/** The plan as `--json` prints it: no client objects, no headers, no credentials. */
export function planJson(plan: CustomerGroupPlan): unknown {
  return {
    changes: plan.changes,
    failedTargets: plan.failedTargets,
    prune: plan.prune,
    matchNames: plan.matchNames,
    targets: plan.targets.map((target) => ({
      provider: target.providerId,
      ...(target.account !== undefined && { account: target.account }),
      ok: target.ok,
      ...(!target.ok && { error: errorSummary(target.error) }),
      warnings: target.warnings,
      actions: target.actions.map(actionJson),
    })),
  }
}

export function actionJson(action: PlannedAction): Record<string, unknown> {
  return {
    type: action.type,
    name: action.name,
    ...('id' in action && { id: action.id }),
    ...('changes' in action && { changes: action.changes }),
    warnings: action.warnings,
  }
}
