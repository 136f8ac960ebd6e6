import { createHash } from 'node:crypto'
import type { CustomerGroupPlan, PlannedAction, TargetPlan } from '@customer-groups/client'
import { changeCounts, describeCounts, describeTarget, showValue } from './plan-output.js'
import { safeText } from './terminal-text.js'

const entities: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
}

/** Text from a plan, safe as an HTML text node: control and invisible characters shown escaped, `& < >` as entities. */
export function htmlText(text: unknown): string {
  return safeText(text).replace(/[&<>]/g, (character) => entities[character] as string)
}

/** Text from a plan, safe inside a quoted HTML attribute as well. */
export function htmlAttribute(text: unknown): string {
  return safeText(text).replace(/[&<>"']/g, (character) => entities[character] as string)
}

/** What happens in one cell of the grid. */
export type CellKind = PlannedAction['type'] | 'failed' | 'missing' | 'none'

const symbols: Record<CellKind, string> = {
  create: '+',
  update: '~',
  delete: '−',
  unchanged: '=',
  extra: '?',
  failed: '!',
  missing: '·',
  none: '',
}

// Inline, so the page needs nothing else; allowed by its hash in the page's Content-Security-Policy.
const style = `
:root{color-scheme:light;font:14px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1f2328;background:#fff}
body{margin:0}header{padding:16px 20px 8px}h1{font-size:20px;margin:0 0 6px}h1 code{font-size:18px}
.summary{margin:0 0 8px;font-size:15px}.legend{display:flex;flex-wrap:wrap;gap:12px;margin:0;padding:0;list-style:none}
.legend li{display:flex;align-items:center;gap:6px}.legend .cell{font:600 14px ui-monospace,monospace;display:inline-block;width:22px;height:22px;line-height:22px;text-align:center;border-radius:4px}
.scroll{overflow:auto;max-height:calc(100vh - 120px);margin:8px 20px 20px;border:1px solid #d0d7de;border-radius:6px}
.scroll:focus{outline:2px solid #0969da}
table{border-collapse:separate;border-spacing:0}
th,td{border-right:1px solid #eaeef2;border-bottom:1px solid #eaeef2;padding:0}
thead th{position:sticky;top:0;z-index:3;background:#f6f8fa;vertical-align:bottom;padding:6px 2px;font-weight:600}
thead th.corner{left:0;z-index:4;text-align:left;padding:6px 10px;min-width:180px}
thead th .target,thead th .totals{writing-mode:vertical-rl;transform:rotate(180deg);white-space:nowrap;display:inline-block;vertical-align:bottom}
thead th .target{max-height:12em;overflow:hidden;text-overflow:ellipsis}thead th .target small{font-weight:400;color:#57606a}
thead th .totals{font:400 11px/1.2 ui-monospace,monospace;color:#57606a;margin-left:1px}
tbody th{position:sticky;left:0;z-index:2;background:#fff;text-align:left;font-weight:500;padding:3px 10px;max-width:260px;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
tr.section th{background:#f6f8fa;color:#57606a;font-weight:600;padding:6px 10px}
td{position:relative;min-width:26px;height:26px;text-align:center;vertical-align:middle;font:600 14px/26px ui-monospace,SFMono-Regular,Menlo,monospace}
[data-kind=create]{background:#dafbe1;color:#116329}[data-kind=update]{background:#fff1c2;color:#7d4e00}
[data-kind=delete]{background:#ffd8d3;color:#a40e26}[data-kind=unchanged]{background:#f6f8fa;color:#8c959f}
[data-kind=extra]{background:#ede7f6;color:#5a32a3}[data-kind=failed]{background:repeating-linear-gradient(45deg,#ffd8d3 0 4px,#fff 4px 8px);color:#a40e26}
[data-kind=missing]{color:#8c959f}
details summary{list-style:none;cursor:pointer;display:block;height:26px}details summary::-webkit-details-marker{display:none}
details summary:focus-visible{outline:2px solid #0969da;outline-offset:-2px}
details[open] summary{outline:2px solid #1f2328;outline-offset:-2px}
.pop{position:absolute;z-index:5;left:0;top:100%;margin:0;padding:8px 10px 8px 24px;min-width:260px;max-width:420px;text-align:left;font:13px/1.4 system-ui,sans-serif;color:#1f2328;background:#fff;border:1px solid #d0d7de;border-radius:6px;box-shadow:0 8px 24px rgba(140,149,159,.3);white-space:normal;overflow-wrap:anywhere}
.pop li{margin:0 0 2px}.pop .warning{color:#7d4e00}
`.trim()

const styleHash = createHash('sha256').update(style).digest('base64')

interface Row {
  name: string
  /** Per target index: the actions on that target for this row. */
  cells: Map<number, PlannedAction[]>
}

/** The grid's rows: desired groups first (in the file's order), then groups the file does not name. */
function rowsOf(plan: CustomerGroupPlan): { desired: Row[]; others: Row[] } {
  const desired = new Map<string, Row>()
  const others = new Map<string, Row>()
  for (const action of plan.actions) {
    const rows = action.type === 'extra' || action.type === 'delete' ? others : desired
    let row = rows.get(action.name)
    if (row === undefined) {
      row = { name: action.name, cells: new Map() }
      rows.set(action.name, row)
    }
    row.cells.set(action.target, [...(row.cells.get(action.target) ?? []), action])
  }
  return { desired: [...desired.values()], others: [...others.values()] }
}

/**
 * The plan as one self-contained HTML page: a grid with the desired groups
 * as rows (then the groups only the targets have) and the targets as
 * columns, each cell coloured and marked by what happens there; a cell's
 * field changes and warnings open on demand (a `<details>`, reachable with
 * the keyboard), and each column's header totals its target. No script, no font, no
 * request: a Content-Security-Policy allows only the page's own style. Every
 * text from the file or a server is escaped.
 */
export function planHtml(plan: CustomerGroupPlan, file: string): string {
  const counts = changeCounts(plan)
  const { desired, others } = rowsOf(plan)
  const width = plan.targets.length + 1
  const body = [
    '<header>',
    `<h1>Plan for <code>${htmlText(file)}</code></h1>`,
    `<p class="summary"><strong>${plan.changes === 0 ? 'No changes' : `${plan.changes} change(s)`}</strong> on ${plan.targets.length} target(s)${plan.prune ? ', with prune' : ''}: ${htmlText(describeCounts(counts))}.</p>`,
    `<ul class="legend">${(['create', 'update', 'delete', 'unchanged', 'extra', 'failed'] as const)
      .map((kind) => `<li><span class="cell" data-kind="${kind}">${symbols[kind]}</span>${kind}</li>`)
      .join('')}</ul>`,
    '</header>',
    '<main><div class="scroll" tabindex="0" role="region" aria-label="Plan: groups by target">',
    `<table class="grid" data-changes="${plan.changes}">`,
    `<thead><tr><th scope="col" class="corner">Group</th>${plan.targets.map(targetHeader).join('')}</tr></thead>`,
    '<tbody>',
  ]
  for (const row of desired) body.push(rowHtml(plan, row, 'desired'))
  if (others.length > 0) {
    body.push(`<tr class="section"><th colspan="${width}">On the targets, not in the file</th></tr>`)
    for (const row of others) body.push(rowHtml(plan, row, 'other'))
  }
  body.push('</tbody>', '</table></div></main>')
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'sha256-${styleHash}'; base-uri 'none'; form-action 'none'">`,
    '<meta name="referrer" content="no-referrer">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>Plan for ${htmlText(file)}</title>`,
    `<style>${style}</style>`,
    '</head><body>',
    ...body,
    '</body></html>',
    '',
  ].join('\n')
}

/** A target's column header: its account (or provider), and its totals, both kept in view while scrolling. */
function targetHeader(target: TargetPlan): string {
  const name = htmlAttribute(describeTarget(target))
  const label =
    target.account === undefined
      ? `${htmlText(target.providerId)} <small>default</small>`
      : `${htmlText(target.account)} <small>${htmlText(target.providerId)}</small>`
  if (!target.ok) {
    const title = `${name}: could not be planned: ${htmlAttribute(target.error.message)}`
    return `<th scope="col" data-target="${target.index}" data-totals="failed" title="${title}"><span class="target">${label}</span><span class="totals">failed</span></th>`
  }
  const counts = changeCounts(target)
  const totals = `${counts.create} ${counts.update} ${counts.delete} ${counts.unchanged} ${counts.extra}`
  const title = `${name}: ${counts.create} to create, ${counts.update} to update, ${counts.delete} to delete; ${counts.unchanged} unchanged, ${counts.extra} extra`
  return `<th scope="col" data-target="${target.index}" data-totals="${totals}" title="${title}"><span class="target">${label}</span><span class="totals">+${counts.create} ~${counts.update} −${counts.delete} =${counts.unchanged} ?${counts.extra}</span></th>`
}

function rowHtml(plan: CustomerGroupPlan, row: Row, section: 'desired' | 'other'): string {
  const shown = showValue(row.name)
  const cells = plan.targets.map((target) => cellHtml(target, row, section))
  return `<tr data-group="${htmlAttribute(row.name)}" data-section="${section}"><th scope="row" title="${htmlAttribute(shown)}">${htmlText(shown)}</th>${cells.join('')}</tr>`
}

function cellHtml(target: TargetPlan, row: Row, section: 'desired' | 'other'): string {
  const actions = row.cells.get(target.index) ?? []
  const where = `${htmlAttribute(showValue(row.name))} on ${htmlAttribute(describeTarget(target))}`
  if (!target.ok) return `<td data-kind="failed" title="${where}: the target could not be planned">!</td>`
  const [first] = actions
  if (first === undefined) {
    // A desired group the target neither has nor can create: its warning is on the target.
    if (section === 'desired')
      return `<td data-kind="missing" title="${where}: not there, and ${htmlAttribute(target.providerId)} cannot create it">·</td>`
    return '<td data-kind="none"></td>'
  }
  const kind: CellKind = first.type
  const details = actions.flatMap(detailLines)
  const ids = actions.flatMap((action) => ('id' in action ? [htmlAttribute(action.id)] : []))
  const label = `${kind}${actions.length > 1 ? ` (${actions.length} groups)` : ''}`
  const summary = `${label}: ${where}${ids.length > 0 ? ` (id ${ids.join(', ')})` : ''}`
  if (details.length === 0) return `<td data-kind="${kind}" title="${summary}">${symbols[kind]}</td>`
  // The cell is small: what it changes opens below it; its row and column say which group and target.
  return `<td data-kind="${kind}"><details><summary aria-label="${summary}">${symbols[kind]}</summary><ul class="pop">${details.map((line) => `<li>${line}</li>`).join('')}</ul></details></td>`
}

/** What a cell shows on demand: each field from → to, ids, warnings. */
function detailLines(action: PlannedAction): string[] {
  const lines: string[] = []
  if (action.type === 'update' && action.renamedFrom !== undefined)
    lines.push(`renamed from ${htmlText(showValue(action.renamedFrom))}`)
  if (action.type === 'create' || action.type === 'update')
    // A create's name is its row's.
    for (const change of action.changes.filter(
      (change) => action.type === 'update' || change.field !== 'name',
    ))
      lines.push(
        action.type === 'create'
          ? `${htmlText(change.field)}: ${htmlText(showValue(change.to))}`
          : `${htmlText(change.field)}: ${htmlText(showValue(change.from))} → ${htmlText(showValue(change.to))}`,
      )
  if (action.type === 'delete' && action.nearMatch !== undefined)
    lines.push(`nearly matches ${htmlText(showValue(action.nearMatch))}`)
  for (const warning of action.warnings)
    lines.push(
      `<span class="warning">warning: ${htmlText(`${warning.field === undefined ? '' : `${warning.field}: `}${warning.message}`)}</span>`,
    )
  return lines
}
