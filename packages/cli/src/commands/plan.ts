import type { Output } from '../output.js'
import { describePlan, planJson } from '../plan-output.js'
import type { Connection } from '../providers.js'
import { safeJson } from '../terminal-text.js'
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

/**
 * `customer-groups plan FILE`: what `sync` would change, sending nothing but
 * one list call per target. Exit 0 when nothing would change, 3 when
 * something would, 1 when a target could not be planned, 2 for a bad file.
 */
export async function planCommand(
  file: string,
  flags: PlanningFlags & { json?: boolean | undefined },
  connection: Connection,
  output: Output,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  const { plan } = await preparePlan(file, flags, connection, env)
  const code =
    plan.failedTargets > 0 ? planExit.failed : plan.changes > 0 ? planExit.changes : planExit.noChanges
  if (flags.json === true)
    output.out(safeJson({ ok: plan.failedTargets === 0, ...(planJson(plan) as object) }))
  else output.out(describePlan(plan, file).join('\n'))
  return code
}
