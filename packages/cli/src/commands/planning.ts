import {
  type CustomerGroupPlan,
  InvalidArgumentError,
  planCustomerGroups,
  RequestLimiter,
  type SharedLimit,
  type SyncTarget,
} from '@customer-groups/client'
import { type AccountDefinition, Accounts, describeAccount, readAccountsFile } from '../accounts.js'
import { type DesiredState, readDesiredState } from '../desired-state.js'
import { registryLimits } from '../limits.js'
import { listProblems } from '../problem-list.js'
import { type Connection, type ProviderName, type ResolvedAccount, sameShop } from '../providers.js'
import { safeText } from '../terminal-text.js'
import { InputError } from '../usage-error.js'

export interface PlanningFlags {
  accounts?: string | undefined
  prune?: boolean | undefined
  /** `--target NAME`: only these targets (an account name, or a provider id for its default account). */
  targets?: readonly string[] | undefined
}

/** A target of the file, resolved to its account's client. */
export interface ResolvedTarget {
  provider: ProviderName
  account: string | undefined
  line: number
  resolved: ResolvedAccount
}

/** A target as a desired-state file or a saved plan names it, and where (`line 4`, `targets[2]`). */
export interface NamedTarget {
  provider?: ProviderName | undefined
  account?: string | undefined
  line: number
  where: string
}

/**
 * Reads the desired-state file and the accounts, checks everything that can
 * be known before sending (exit code 2, nothing sent), then plans: only the
 * list calls are sent, one per target, within the registry's limits.
 */
export async function preparePlan(
  file: string,
  flags: PlanningFlags,
  connection: Connection,
  env: NodeJS.ProcessEnv,
): Promise<{ state: DesiredState; targets: ResolvedTarget[]; plan: CustomerGroupPlan }> {
  const { state, targets } = resolveTargets(file, flags, connection, env)
  const plan = await planTargets(file, state, targets, flags, new RequestLimiter())
  return { state, targets, plan }
}

/** Reads the desired-state file and resolves its targets' accounts; problems are exit code 2, nothing sent. */
export function resolveTargets(
  file: string,
  flags: PlanningFlags,
  connection: Connection,
  env: NodeJS.ProcessEnv,
): { state: DesiredState; targets: ResolvedTarget[] } {
  const state = readDesiredState(file)
  const named = state.targets.map((target) => ({ ...target, where: `line ${target.line}` }))
  const targets = resolveNamedTargets(file, selectTargets(file, named, flags.targets), flags, connection, env)
  return { state, targets }
}

/**
 * The targets `--target` names, in the file's order: a name selects the
 * target of that account, or the default account of that provider. A name
 * that selects nothing, or two targets, is refused (exit 2, nothing sent).
 */
export function selectTargets<Target extends NamedTarget>(
  file: string,
  targets: readonly Target[],
  names: readonly string[] | undefined,
): Target[] {
  if (names === undefined || names.length === 0) return [...targets]
  const label = (target: NamedTarget) => target.account ?? target.provider ?? '?'
  const problems: string[] = []
  const chosen = new Set<Target>()
  for (const name of new Set(names)) {
    const matches = targets.filter((target) =>
      target.account === undefined ? target.provider === name : target.account === name,
    )
    if (matches.length === 0)
      problems.push(
        `--target ${name}: no target is the account ${name} or the default account of a provider ${name} (targets: ${targets.map(label).join(', ')})`,
      )
    else if (matches.length > 1)
      problems.push(
        `--target ${name}: names ${matches.length} targets (${matches.map((target) => target.where).join(', ')})`,
      )
    else chosen.add(matches[0] as Target)
  }
  if (problems.length > 0)
    throw new InputError(
      `${file}: nothing was sent:\n${listProblems(problems.map((line) => safeText(line)))}`,
    )
  return targets.filter((target) => chosen.has(target))
}

/**
 * Resolves each target's account: an account of the accounts file, or a
 * provider's default account. A missing account or credential, or two
 * targets that are one shop, is a problem; any problem is exit code 2.
 */
export function resolveNamedTargets(
  file: string,
  named: readonly NamedTarget[],
  flags: PlanningFlags,
  connection: Connection,
  env: NodeJS.ProcessEnv,
): ResolvedTarget[] {
  const definitions: AccountDefinition[] | undefined =
    flags.accounts === undefined ? undefined : readAccountsFile(flags.accounts)
  const accounts = new Accounts(definitions, connection, env)
  const problems: string[] = []
  const targets: (ResolvedTarget & { where: string })[] = []
  for (const target of named) {
    const at = target.where
    let provider = target.provider
    if (target.account !== undefined) {
      const accountProvider = accounts.providerOf(target.account)
      if (!accounts.hasFile) {
        problems.push(`${at}: names account "${target.account}", but no --accounts file was given`)
        continue
      }
      if (accountProvider === undefined) {
        problems.push(`${at}: account "${target.account}" is not in the accounts file`)
        continue
      }
      if (provider !== undefined && provider !== accountProvider) {
        problems.push(
          `${at}: provider is ${provider}, but account "${target.account}" is on ${accountProvider}`,
        )
        continue
      }
      provider = accountProvider
    }
    if (provider === undefined) continue
    const resolved = accounts.resolve(provider, target.account)
    for (const problem of resolved.problems)
      problems.push(`${at}: ${describeAccount(provider, target.account)}: ${problem}`)
    if (targets.some((known) => known.provider === provider && known.account === target.account))
      problems.push(`${at}: ${describeAccount(provider, target.account)} is listed twice`)
    else if (resolved.credentialId !== undefined) {
      // Two accounts with one credential and one base URL are one shop: each would create the missing groups.
      const same = targets.find((known) => sameShop(known.resolved, resolved))
      if (same !== undefined)
        problems.push(
          `${at}: ${describeAccount(provider, target.account)} is the same shop as ${describeAccount(same.provider, same.account)} on ${same.where} (the same credential and base URL); list each shop once`,
        )
    }
    targets.push({ provider, account: target.account, line: target.line, resolved, where: at })
  }
  if (problems.length > 0)
    throw new InputError(
      `${file}: nothing was sent:\n${listProblems(problems.map((line) => safeText(line)))}`,
    )
  return targets.map(({ where: _, ...target }) => target)
}

/**
 * Plans the targets: one list call each, through `limiter` within the
 * registry's limits (per credential, per source IP), so 60 shops of one
 * provider are never listed beyond what it allows at once.
 */
export async function planTargets(
  file: string,
  state: DesiredState,
  targets: ResolvedTarget[],
  flags: PlanningFlags,
  limiter: RequestLimiter,
): Promise<CustomerGroupPlan> {
  const syncTargets: SyncTarget[] = targets.map((target) => ({
    provider: target.resolved.client,
    ...(target.account !== undefined && { account: target.account }),
  }))
  let plan: CustomerGroupPlan
  try {
    plan = await planCustomerGroups({
      targets: syncTargets,
      groups: state.groups as never,
      prune: flags.prune === true,
      matchNames: state.matchNames,
      limiter,
      sharedLimits: (target) => targetLimits(targets, target.index),
    })
  } catch (error) {
    if (!InvalidArgumentError.isInstance(error)) throw error
    // The library names `groups[2].name`; people want the line too.
    const lines = error.issues.map((issue) => {
      const index = /^groups\[(\d+)\]/.exec(issue.field)?.[1]
      const line = index === undefined ? undefined : state.groupLines[Number(index)]
      return safeText(
        `${line === undefined ? '' : `line ${line}: `}${issue.field}: ${issue.message} (${issue.code})`,
      )
    })
    throw new InputError(`${file}: the groups have problems; nothing was sent:\n${listProblems(lines)}`)
  }
  return plan
}

/** The registry's limits a target's requests count against besides its own concurrency. */
export function targetLimits(targets: readonly ResolvedTarget[], index: number): SharedLimit[] {
  const target = targets[index] as ResolvedTarget
  return registryLimits(target.provider, target.resolved.credentialId, `target ${index}`)
}
