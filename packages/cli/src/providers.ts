// What the CLI knows about providers comes from the registry: their names, credential settings and
// environment variables, limits and factories. The CLI adds only how users give them: flags and
// accounts-file keys, both named after the registry's credential settings.
import { createHash } from 'node:crypto'
import { InvalidArgumentError } from '@customer-groups/client'
import { loadProvider, type ProviderEntry, providerEntries, providerIds } from '@customer-groups/registry'
import {
  shopAddress as addressOf,
  asCustomerGroupProvider,
  type ClientSettings,
  type CustomerGroupProvider,
  checkBaseUrl,
  credentialIssues,
  type Logger,
  type LogLevel,
  type ProviderCapabilities,
} from '@customer-groups/runtime'

export const providerNames: readonly string[] = providerIds()
/** A registered provider's id. */
export type ProviderName = string

export function isProviderName(value: unknown): value is ProviderName {
  return typeof value === 'string' && (providerNames as readonly string[]).includes(value)
}

/** Credentials given as flags (by setting name) and settings; what is not given comes from the environment. */
export interface Connection {
  /** Credential setting → value, e.g. `{ apiKey: '…' }`, from `--api-key`. */
  credentials: Record<string, string | undefined>
  maxRetries?: number | undefined
  timeoutMs?: number | undefined
  /** `debug` with `--verbose`; nothing is logged otherwise. */
  logLevel?: LogLevel | undefined
  logger?: Logger | undefined
  /** Sends the requests instead of the global `fetch`: through a proxy, when one is set. */
  fetch?: ClientSettings['fetch']
}

type Factory = (settings: ClientSettings & Record<string, unknown>) => CustomerGroupProvider

const entries = providerEntries()
// Each provider's package, loaded through the registry (which depends on every one), once per process:
// a missing one fails here, at start, naming it.
const modules = Object.fromEntries(
  await Promise.all(entries.map(async (entry) => [entry.id, await loadProvider(entry.id)] as const)),
) as Record<ProviderName, Record<string, unknown>>
/** Each provider's factory, making the facade's interface of its client: what every command works with. */
const factories = Object.fromEntries(
  entries.map((entry) => {
    const create = modules[entry.id]?.[entry.factory] as (settings: ClientSettings) => unknown
    const factory: Factory = (settings) => {
      const provider = asCustomerGroupProvider(create(settings))
      if (provider === undefined)
        throw new Error(`${entry.packageName}'s ${entry.factory} made no provider instance`)
      return provider
    }
    return [entry.id, factory]
  }),
) as Record<ProviderName, Factory>

function entryOf(provider: ProviderName): ProviderEntry {
  return entries.find((entry) => entry.id === provider) as ProviderEntry
}

/** `apiKey` → `api-key`: a credential setting's flag, without the dashes. */
export function flagOf(setting: string): string {
  return setting.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)
}

interface CredentialSource {
  setting: string
  flag: string
  environmentVariable: string
  /** The accounts-file key naming the variable that holds it, e.g. `apiKeyEnv`. */
  accountKey: string
}

function credentialsOf(provider: ProviderName): CredentialSource[] {
  return entryOf(provider).credentials.map(({ setting, environmentVariable }) => ({
    setting,
    flag: `--${flagOf(setting)}`,
    environmentVariable,
    accountKey: `${setting}Env`,
  }))
}

/** Every credential setting of every provider, for the flags the CLI accepts. */
export const credentialSettings: readonly string[] = [
  ...new Set(entries.flatMap((entry) => entry.credentials.map((credential) => credential.setting))),
]

const capabilities = new Map<ProviderName, ProviderCapabilities>()
/** What the provider can do, from a client created without credentials (nothing is sent). */
export function capabilitiesOf(provider: ProviderName): ProviderCapabilities {
  let known = capabilities.get(provider)
  if (known === undefined) {
    known = (factories[provider] as Factory)({ logLevel: 'off' }).capabilities
    capabilities.set(provider, known)
  }
  return known
}

/** The environment variable the default account reads its base URL from. */
export function baseUrlVariableOf(provider: ProviderName): string {
  return entryOf(provider).baseUrlVariable
}

export function limitsOf(provider: ProviderName): ProviderEntry['limits'] {
  return entryOf(provider).limits
}

/** The accounts-file keys that name a credential's variable, e.g. `apiKeyEnv`. */
export function credentialKeysOf(provider: ProviderName): string[] {
  return credentialsOf(provider).map((source) => source.accountKey)
}

/** Keys that would hold a literal credential in an accounts file; they are refused. */
export const literalCredentialKeys: readonly string[] = [...credentialSettings, 'token', 'password', 'secret']

/** How the default account of a provider can be given credentials, for messages. */
export function describeDefaultCredentials(provider: ProviderName): string {
  return credentialsOf(provider)
    .map((source) => `${source.flag} or ${source.environmentVariable}`)
    .join(', or ')
}

/** Every provider's flags and variables, for the usage text. */
export function describeAllCredentials(): string {
  return providerNames.map((provider) => `${provider}: ${describeDefaultCredentials(provider)}`).join('; ')
}

/** Where an account's settings come from. */
export type AccountSource =
  | { kind: 'default'; provider: ProviderName; connection: Connection }
  | {
      kind: 'file'
      provider: ProviderName
      name: string
      /** Accounts-file key → environment variable name, e.g. `{ accessTokenEnv: 'SHOP_A_TOKEN' }`. */
      variables: Record<string, string>
      connection: Connection
    }

export interface ResolvedAccount {
  provider: ProviderName
  client: CustomerGroupProvider
  /** Identifies the credential (a hash, never the value) so accounts sharing a token share its limit. */
  credentialId: string | undefined
  /** The base URL its requests go to, as the client normalizes it; undefined: the provider's own. */
  baseUrl: string | undefined
  /** What is wrong with the account's settings, in the CLI's words; empty when it can send. */
  problems: string[]
}

const readVariable = (env: NodeJS.ProcessEnv, name: string): string | undefined => {
  const value = env[name]
  return value === undefined || value === '' ? undefined : value
}

/** Why a credential cannot be sent, by the runtime's own rule, or undefined when it can; never echoes it. */
function credentialProblem(value: string): string | undefined {
  return credentialIssues('credential', value)[0]?.message
}

/**
 * Builds the client of one account, reading its credential and base URL from
 * flags or the environment now, so that a missing or unusable one is found
 * before anything is sent and named the way the user gives it.
 */
export function resolveAccount(
  source: AccountSource,
  env: NodeJS.ProcessEnv = process.env,
  options: { needsCredential?: boolean; baseUrl?: string | undefined } = {},
): ResolvedAccount {
  const sources = credentialsOf(source.provider)
  const problems: string[] = []
  let credential: { setting: string; value: string } | undefined
  let baseUrlName: string
  if (source.kind === 'default') {
    for (const candidate of sources) {
      const fromFlag = source.connection.credentials[candidate.setting]
      const value = fromFlag ?? readVariable(env, candidate.environmentVariable)
      if (value === undefined) continue
      const problem = credentialProblem(value)
      if (problem !== undefined)
        problems.push(
          `${fromFlag === undefined ? candidate.environmentVariable : candidate.flag}: ${problem}`,
        )
      else credential = { setting: candidate.setting, value }
      break
    }
    if (credential === undefined && problems.length === 0 && options.needsCredential !== false)
      problems.push(`no credentials: pass ${describeDefaultCredentials(source.provider)}`)
    baseUrlName = baseUrlVariableOf(source.provider)
  } else {
    for (const candidate of sources) {
      const variable = source.variables[candidate.accountKey]
      if (variable === undefined) continue
      const value = readVariable(env, variable)
      if (value === undefined) {
        if (options.needsCredential !== false)
          problems.push(`${candidate.accountKey}: the environment variable ${variable} is not set`)
      } else {
        const problem = credentialProblem(value)
        if (problem !== undefined) problems.push(`${candidate.accountKey}: ${variable} ${problem}`)
        else credential = { setting: candidate.setting, value }
      }
      break
    }
    baseUrlName = source.variables.baseUrlEnv ?? baseUrlVariableOf(source.provider)
  }
  const baseUrl = options.baseUrl ?? readVariable(env, baseUrlName)
  const settings: ClientSettings & Record<string, unknown> = {
    maxRetries: source.connection.maxRetries,
    timeoutMs: source.connection.timeoutMs,
    logLevel: source.connection.logLevel ?? 'off',
  }
  if (source.connection.logger !== undefined) settings.logger = source.connection.logger
  if (source.connection.fetch !== undefined) settings.fetch = source.connection.fetch
  if (credential !== undefined) settings[credential.setting] = credential.value
  if (baseUrl !== undefined) settings.baseUrl = baseUrl
  const factory = factories[source.provider] as Factory
  let client: CustomerGroupProvider
  try {
    client = factory(settings)
  } catch (error) {
    if (!InvalidArgumentError.isInstance(error)) throw error
    // The client names the setting; the user knows the flag or the variable.
    for (const issue of error.issues) {
      const where =
        issue.field === 'baseUrl' ? (options.baseUrl !== undefined ? '--base-url' : baseUrlName) : issue.field
      problems.push(`${where}: ${issue.message}`)
    }
    client = factory({ maxRetries: settings.maxRetries, timeoutMs: settings.timeoutMs, logLevel: 'off' })
  }
  const credentialId =
    credential === undefined
      ? undefined
      : createHash('sha256').update(`${source.provider}\0${credential.value}`).digest('hex').slice(0, 16)
  // Unset for an account of the file, the client falls back on the provider's variable, then its spec.
  const effectiveUrl = baseUrl ?? readVariable(env, baseUrlVariableOf(source.provider))
  return {
    provider: source.provider,
    client,
    credentialId,
    baseUrl:
      effectiveUrl === undefined ? undefined : (checkBaseUrl('baseUrl', effectiveUrl).url ?? effectiveUrl),
    problems,
  }
}

/**
 * Which shop an account's requests reach: its provider, credential (by
 * {@link ResolvedAccount.credentialId}, never the value) and base URL. Two
 * accounts with the same one change the same groups.
 */
export function shopOf(account: ResolvedAccount): string {
  return JSON.stringify([account.provider, account.credentialId ?? null, account.baseUrl ?? null])
}

/**
 * One shop however its base URL is spelled (see {@link shopAddress}): what a
 * run locks on this machine, so two runs that reach one shop by two spellings
 * still meet.
 */
export function shopKey(account: ResolvedAccount): string {
  return JSON.stringify([account.provider, account.credentialId ?? null, shopAddress(account)])
}

/**
 * Like {@link shopOf}, with the base URL compared as {@link shopAddress} spells it, so
 * `127.0.0.1:P` and `localhost:P`, or no base URL and the spec's server written out, are one shop.
 */
export function sameShop(a: ResolvedAccount, b: ResolvedAccount): boolean {
  return (
    a.provider === b.provider &&
    a.credentialId !== undefined &&
    a.credentialId === b.credentialId &&
    shopAddress(a) === shopAddress(b)
  )
}

/**
 * Where an account's requests go, spelled one way: the spec's server when no
 * base URL is set, every loopback host (`localhost`, `127.x.x.x`, `[::1]`) as
 * one, and the protocol's default port written out. Two names of one host
 * (a DNS alias, an IP address for a name, a proxy) cannot be told apart.
 */
export function shopAddress(account: Pick<ResolvedAccount, 'provider' | 'baseUrl'>): string {
  const specInfo = modules[account.provider]?.specInfo as { defaultBaseUrl: string }
  return addressOf(account.baseUrl ?? specInfo.defaultBaseUrl)
}
