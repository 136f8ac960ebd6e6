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
}

/** A target of the file, resolved to its account's client. */
export interface ResolvedTarget {
  provider: ProviderName
  account: string | undefined
  line: number
  resolved: ResolvedAccount
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
  const definitions: AccountDefinition[] | undefined =
    flags.accounts === undefined ? undefined : readAccountsFile(flags.accounts)
  const accounts = new Accounts(definitions, connection, env)
  const problems: string[] = []
  const targets: ResolvedTarget[] = []
  for (const target of state.targets) {
    const at = `line ${target.line}`
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
          `${at}: ${describeAccount(provider, target.account)} is the same shop as ${describeAccount(same.provider, same.account)} on line ${same.line} (the same credential and base URL); list each shop once`,
        )
    }
    targets.push({ provider, account: target.account, line: target.line, resolved })
  }
  if (problems.length > 0)
    throw new InputError(
      `${file}: nothing was sent:\n${listProblems(problems.map((line) => safeText(line)))}`,
    )
  return { state, targets }
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
