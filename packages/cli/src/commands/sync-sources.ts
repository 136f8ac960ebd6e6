import {
  type CustomerGroupPlan,
  InvalidArgumentError,
  loadCustomerGroupPlan,
  parseCustomerGroupPlan,
  type RequestLimiter,
  type SerializedCustomerGroupPlan,
  type SyncTarget,
} from '@customer-groups/client'
import { type FileIdentity, identityOf, readWholeFile } from '../input/source.js'
import { listProblems } from '../problem-list.js'
import { type Connection, isProviderName } from '../providers.js'
import { safeText } from '../terminal-text.js'
import { InputError } from '../usage-error.js'
import {
  type NamedTarget,
  type PlanningFlags,
  planTargets,
  type ResolvedTarget,
  resolveNamedTargets,
  resolveTargets,
  selectTargets,
} from './planning.js'

/** Where `sync` takes its plan from: a desired-state file planned now, or a plan saved by `plan --out`. */
export interface SyncSource {
  /** The file, as the user named it. */
  path: string
  /** What the journal records it by. */
  identity: FileIdentity
  targets: ResolvedTarget[]
  /** The line of each desired group's name in the file, for the journal. */
  groupLines: Map<string, number>
  /** The plan to apply: made now (one list per target), or read from the saved plan (nothing sent). */
  plan(limiter: RequestLimiter): Promise<CustomerGroupPlan>
}

/** `sync DESIRED`: the file's targets, planned now. */
export function desiredSource(
  file: string,
  flags: PlanningFlags,
  connection: Connection,
  env: NodeJS.ProcessEnv,
): SyncSource {
  const { state, targets } = resolveTargets(file, flags, connection, env)
  const groupLines = new Map<string, number>()
  state.groups.forEach((group, index) => {
    const name = (group as { name?: unknown } | null)?.name
    if (typeof name === 'string' && !groupLines.has(name)) groupLines.set(name, state.groupLines[index] ?? 1)
  })
  return {
    path: file,
    identity: state.identity,
    targets,
    groupLines,
    plan: (limiter) => planTargets(file, state, targets, flags, limiter),
  }
}

/**
 * `sync --plan PLAN.json`: the saved plan, read as hostile input (at most 8
 * MiB, a regular file, every field checked), its targets resolved from the
 * accounts as the desired-state file's are, then bound to them: a plan made
 * for other shops (a fingerprint differs) or by another version is refused
 * (exit 2) before anything is sent.
 */
export function planFileSource(
  path: string,
  flags: PlanningFlags,
  connection: Connection,
  env: NodeJS.ProcessEnv,
): SyncSource {
  const bytes = readWholeFile(path, `the plan ${path}`)
  let saved: SerializedCustomerGroupPlan
  try {
    saved = parseCustomerGroupPlan(bytes.toString('utf8'))
  } catch (error) {
    throw planProblems(path, 'is not a plan this CLI can apply', error)
  }
  const named: NamedTarget[] = saved.targets.map((target, index) => ({
    ...(isProviderName(target.provider) && { provider: target.provider }),
    ...(target.account !== undefined && { account: target.account }),
    line: index + 1,
    where: `targets[${index}] (${target.account ?? `${target.provider}, default account`})`,
  }))
  const unknown = saved.targets.flatMap((target, index) =>
    isProviderName(target.provider)
      ? []
      : [`targets[${index}].provider: ${target.provider} is not a provider of this CLI`],
  )
  if (unknown.length > 0)
    throw new InputError(`${path}: nothing was sent:\n${listProblems(unknown.map(safeText))}`)
  const selected = selectTargets(path, named, flags.targets)
  const targets = resolveNamedTargets(path, selected, flags, connection, env)
  return {
    path,
    identity: identityOf(path, bytes),
    targets,
    groupLines: new Map(),
    async plan() {
      const syncTargets: SyncTarget[] = targets.map((target) => ({
        provider: target.resolved.client,
        ...(target.account !== undefined && { account: target.account }),
      }))
      try {
        return await loadCustomerGroupPlan(saved, {
          targets: syncTargets,
          partial: selected.length < named.length,
        })
      } catch (error) {
        throw planProblems(path, 'cannot be applied here', error)
      }
    },
  }
}

/** A plan refused before anything was sent: each field and rule on its own line (exit 2). */
function planProblems(path: string, what: string, error: unknown): unknown {
  if (!InvalidArgumentError.isInstance(error)) return error
  const lines = error.issues.map((issue) => safeText(`${issue.field}: ${issue.message} (${issue.code})`))
  return new InputError(`${path} ${what}; nothing was sent:\n${listProblems(lines)}`)
}
