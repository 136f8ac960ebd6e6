import type { CustomerGroupPlan, PlannedAction, TargetPlan } from '@customer-groups/client'
import { changeCounts, describeCounts, showValue } from './plan-output.js'
import { safeText } from './terminal-text.js'

// Characters Markdown (GitHub's flavour included) acts on inside a line: emphasis, code, links and
// images, HTML and entities, autolinks, table cells, strikethrough, escapes, math, mentions, issue
// references and emoji codes. Each becomes a numeric entity, which shows the character and does nothing.
const active = /[&<>|\\`*_[\]()!~@:$#{}]/g

/** Text from a plan, safe in a Markdown table cell or heading: shown as it is, never acted on. */
export function markdownText(text: unknown): string {
  return safeText(text)
    .replace(active, (character) => `&#${character.codePointAt(0)};`)
    .replace(/(w)(ww)\./gi, '$1$2&#46;')
}

const verbs: Record<PlannedAction['type'], string> = {
  create: '➕ create',
  update: '✏️ update',
  delete: '🗑️ delete',
  unchanged: 'unchanged',
  extra: '❔ extra',
}

/**
 * The plan as Markdown for a pull-request comment: a summary line, then per
 * target a table of what happens to which group (unchanged groups counted,
 * not listed), with each field from → to and every warning. Every value from
 * the file or a server is escaped, so a group's name cannot add a column, a
 * link, a mention or markup.
 */
export function planMarkdown(plan: CustomerGroupPlan, file: string): string {
  const counts = changeCounts(plan)
  const lines = [
    `### customer-groups plan for ${markdownText(file)}`,
    '',
    `**${plan.changes === 0 ? 'No changes' : `${plan.changes} change(s)`}** on ${plan.targets.length} target(s): ${markdownText(describeCounts(counts))}${plan.prune ? ' (with prune: extra groups are deleted where the provider can)' : ''}`,
  ]
  for (const target of plan.targets) {
    lines.push('')
    for (const line of targetMarkdown(target)) lines.push(line)
  }
  return lines.join('\n')
}

function targetMarkdown(target: TargetPlan): string[] {
  const head = `#### ${
    target.account === undefined
      ? `${markdownText(target.providerId)} (default account)`
      : `${markdownText(target.providerId)} account ${markdownText(target.account)}`
  }`
  if (!target.ok) return [head, '', `❌ Could not be planned: ${markdownText(target.error.message)}`]
  const shown = target.actions.filter((action) => action.type !== 'unchanged')
  const unchanged = target.actions.length - shown.length
  const lines = [head, '']
  if (shown.length > 0) {
    lines.push('| Group | Change | Fields (from → to) |', '| --- | --- | --- |')
    for (const action of shown) lines.push(row(action))
  }
  const notes = [
    ...(unchanged > 0 ? [`${unchanged} unchanged`] : []),
    ...(shown.length === 0 && unchanged === 0 ? ['no groups, none desired'] : []),
    ...target.warnings.map((warning) => `⚠️ ${markdownText(describeWarning(warning))}`),
  ]
  if (notes.length > 0) lines.push('', notes.join(' · '))
  return lines
}

const describeWarning = (warning: { field?: string | undefined; message: string }) =>
  `${warning.field === undefined ? '' : `${warning.field}: `}${warning.message}`

function row(action: PlannedAction): string {
  const id = 'id' in action ? ` (id ${markdownText(action.id)})` : ''
  const fields: string[] = []
  if (action.type === 'create')
    for (const change of action.changes.filter((change) => change.field !== 'name'))
      fields.push(`${markdownText(change.field)}: ${markdownText(showValue(change.to))}`)
  if (action.type === 'update')
    for (const change of action.changes)
      fields.push(
        `${markdownText(change.field)}: ${markdownText(showValue(change.from))} → ${markdownText(showValue(change.to))}`,
      )
  if (action.type === 'extra') fields.push('not in the file; kept')
  if (action.type === 'delete' && action.nearMatch !== undefined)
    fields.push(`nearly matches ${markdownText(showValue(action.nearMatch))}`)
  for (const warning of action.warnings) fields.push(`⚠️ ${markdownText(describeWarning(warning))}`)
  return `| ${markdownText(showValue(action.name))}${id} | ${verbs[action.type]} | ${fields.join('<br>') || '—'} |`
}
