import { serializeCustomerGroupPlan } from '@customer-groups/client'
import type { Output } from '../output.js'
import { planHtml } from '../plan-html.js'
import { planMarkdown } from '../plan-markdown.js'
import { describePlan, type PlanFormat, planFormats, planJson } from '../plan-output.js'
import type { Connection } from '../providers.js'
import { writableFileProblem, writeFileAtomically } from '../secure-file.js'
import { safeJson } from '../terminal-text.js'
import { InputError, UsageError } from '../usage-error.js'
import { type PlanningFlags, preparePlan } from './planning.js'

/** What `plan` exits with, so scripts can gate on it. */
export const planExit = {
  /** Every target matches the file. */
  noChanges: 0,
  /** A target could not be planned (its list failed, or a name of the file is ambiguous there). */
  failed: 1,
  /** Something would change: `sync` would send it. */
  changes: 3,
} as const

export interface PlanFlags extends PlanningFlags {
  json?: boolean | undefined
  format?: string | undefined
  /** `--out PLAN.json`: save the plan for `sync --plan`. */
  out?: string | undefined
}

/** `--format`, with `--json` its alias for `--format json`. */
export function planFormatOf(flags: Pick<PlanFlags, 'json' | 'format'>): PlanFormat {
  const format = flags.format ?? (flags.json === true ? 'json' : 'text')
  if (!(planFormats as readonly string[]).includes(format))
    throw new UsageError(`--format must be one of ${planFormats.join(', ')}`)
  if (flags.json === true && format !== 'json')
    throw new UsageError(`--json is --format json; it cannot go with --format ${format}`)
  return format as PlanFormat
}

/**
 * `customer-groups plan FILE`: what `sync` would change, sending nothing but
 * one list call per target, printed as text, JSON, Markdown (for a pull
 * request) or one HTML page; `--out` saves it for `sync --plan`. Exit 0 when
 * nothing would change, 3 when something would, 1 when a target could not
 * be planned, 2 for a bad file.
 */
export async function planCommand(
  file: string,
  flags: PlanFlags,
  connection: Connection,
  output: Output,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  const format = planFormatOf(flags)
  // Found before any request: a plan that cannot be saved is not worth making.
  const problem = flags.out === undefined ? undefined : await writableFileProblem(flags.out, false)
  if (problem !== undefined) throw new InputError(`--out ${flags.out}: ${problem}; nothing was sent`)
  const { plan } = await preparePlan(file, flags, connection, env)
  const code =
    plan.failedTargets > 0 ? planExit.failed : plan.changes > 0 ? planExit.changes : planExit.noChanges
  if (flags.out !== undefined) {
    const text = serializeCustomerGroupPlan(plan)
    const path = flags.out
    try {
      await writeFileAtomically(path, (handle) => handle.writeFile(text).then(() => undefined))
    } catch (error) {
      throw new InputError(`Cannot write the plan ${path}: ${(error as Error).message}`)
    }
    output.err(`Plan saved to ${path}: apply exactly it with customer-groups sync --plan ${path}`)
  }
  if (format === 'json') output.out(safeJson({ ok: plan.failedTargets === 0, ...(planJson(plan) as object) }))
  else if (format === 'markdown') output.out(planMarkdown(plan, file))
  else if (format === 'html') output.out(planHtml(plan, file))
  else output.out(describePlan(plan, file).join('\n'))
  return code
}
