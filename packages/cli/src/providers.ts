// Everything the CLI knows about particular providers is here, and only here:
// their names, credential flags and environment variables, the accounts-file
// keys that name those variables, request limits, and how to create a client.
import { createHash } from 'node:crypto'
import { InvalidArgumentError } from '@customer-groups/client'
import type { CustomerGroupProvider, ProviderCapabilities } from '@customer-groups/runtime'
import { createShoptet, shoptetCapabilities } from '@customer-groups/shoptet'
import { createXtrakit, xtrakitCapabilities } from '@customer-groups/xtrakit'

export const providerNames = ['xtrakit', 'shoptet'] as const
export type ProviderName = (typeof providerNames)[number]

export function isProviderName(value: unknown): value is ProviderName {
  return typeof value === 'string' && (providerNames as readonly string[]).includes(value)
}

/** Credentials and settings from flags; what is not given comes from the environment. */
export interface Connection {
  apiKey?: string | undefined
  accessToken?: string | undefined
  privateApiToken?: string | undefined
  maxRetries?: number | undefined
  timeoutMs?: number | undefined
}

type CredentialSetting = 'apiKey' | 'accessToken' | 'privateApiToken'

interface CredentialSource {
  /** The client setting it fills. */
  setting: CredentialSetting
  /** The CLI flag, for the default account. */
  flag: `--${string}`
  /** The environment variable, for the default account. */
  env: string
  /** The accounts-file key naming the variable that holds it. */
  accountKey: string
}

interface ProviderFacts {
  /** Any one of these; the first given wins. */
  credentials: readonly CredentialSource[]
  /** The environment variable the default account reads its base URL from. */
  baseUrlEnv: string
  /** Most requests in flight with one credential, and across all credentials from one machine. */
  limits: { perCredential?: number; perProvider?: number }
  capabilities: ProviderCapabilities
  create(settings: ClientSettings): CustomerGroupProvider
}

interface ClientSettings {
  credential?: { setting: CredentialSetting; value: string }
  baseUrl?: string
  maxRetries?: number | undefined
  timeoutMs?: number | undefined
}

const common = (settings: ClientSettings) => ({
  ...(settings.baseUrl !== undefined && { baseUrl: settings.baseUrl }),
  maxRetries: settings.maxRetries,
  timeoutMs: settings.timeoutMs,
})

const facts: Record<ProviderName, ProviderFacts> = {
  xtrakit: {
    credentials: [{ setting: 'apiKey', flag: '--api-key', env: 'XTRAKIT_API_KEY', accountKey: 'apiKeyEnv' }],
    baseUrlEnv: 'XTRAKIT_BASE_URL',
    limits: {},
    capabilities: xtrakitCapabilities,
    create: (settings) =>
      createXtrakit({
        ...common(settings),
        ...(settings.credential !== undefined && { apiKey: settings.credential.value }),
      }),
  },
  shoptet: {
    credentials: [
      {
        setting: 'accessToken',
        flag: '--access-token',
        env: 'SHOPTET_ACCESS_TOKEN',
        accountKey: 'accessTokenEnv',
      },
      {
        setting: 'privateApiToken',
        flag: '--private-api-token',
        env: 'SHOPTET_PRIVATE_API_TOKEN',
        accountKey: 'privateApiTokenEnv',
      },
    ],
    baseUrlEnv: 'SHOPTET_BASE_URL',
    // Shoptet answers 429 beyond 3 requests in flight per token and 50 per source IP.
    limits: { perCredential: 3, perProvider: 50 },
    capabilities: shoptetCapabilities,
    create: (settings) => {
      const credential = settings.credential
      return createShoptet({
        ...common(settings),
        ...(credential !== undefined && { [credential.setting]: credential.value }),
      })
    },
  },
}

export function capabilitiesOf(provider: ProviderName): ProviderCapabilities {
  return facts[provider].capabilities
}

/** The environment variable the default account reads its base URL from. */
export function baseUrlVariableOf(provider: ProviderName): string {
  return facts[provider].baseUrlEnv
}

export function limitsOf(provider: ProviderName): { perCredential?: number; perProvider?: number } {
  return facts[provider].limits
}

/** The accounts-file keys that name a credential's variable, e.g. `apiKeyEnv`. */
export function credentialKeysOf(provider: ProviderName): string[] {
  return facts[provider].credentials.map((source) => source.accountKey)
}

/** Keys that would hold a literal credential in an accounts file; they are refused. */
export const literalCredentialKeys = [
  'apiKey',
  'accessToken',
  'privateApiToken',
  'token',
  'password',
  'secret',
]

/** How the default account of a provider can be given credentials, for messages. */
export function describeDefaultCredentials(provider: ProviderName): string {
  return facts[provider].credentials.map((source) => `${source.flag} or ${source.env}`).join(', or ')
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
  /** What is wrong with the account's settings, in the CLI's words; empty when it can send. */
  problems: string[]
}

const readVariable = (env: NodeJS.ProcessEnv, name: string): string | undefined => {
  const value = env[name]
  return value === undefined || value === '' ? undefined : value
}

/** Why a value cannot be sent as an HTTP header value, or undefined when it can; never echoes it. */
function headerValueProblem(value: string): string | undefined {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
  if (/[\u0000-\u001f\u007f]/.test(value)) return 'contains control characters such as CR or LF'
  if (/[^\u0020-\u00ff]/.test(value)) return 'contains characters an HTTP header cannot carry'
  if (value.trim() !== value) return 'starts or ends with white space'
  return undefined
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
  const provider = facts[source.provider]
  const problems: string[] = []
  let credential: ClientSettings['credential']
  let baseUrlName: string
  if (source.kind === 'default') {
    for (const candidate of provider.credentials) {
      const fromFlag = source.connection[candidate.setting]
      const value = fromFlag ?? readVariable(env, candidate.env)
      if (value === undefined) continue
      const problem = headerValueProblem(value)
      if (problem !== undefined)
        problems.push(`${fromFlag === undefined ? candidate.env : candidate.flag}: ${problem}`)
      else credential = { setting: candidate.setting, value }
      break
    }
    if (credential === undefined && problems.length === 0 && options.needsCredential !== false)
      problems.push(`no credentials: pass ${describeDefaultCredentials(source.provider)}`)
    baseUrlName = provider.baseUrlEnv
  } else {
    for (const candidate of provider.credentials) {
      const variable = source.variables[candidate.accountKey]
      if (variable === undefined) continue
      const value = readVariable(env, variable)
      if (value === undefined) {
        if (options.needsCredential !== false)
          problems.push(`${candidate.accountKey}: the environment variable ${variable} is not set`)
      } else {
        const problem = headerValueProblem(value)
        if (problem !== undefined) problems.push(`${candidate.accountKey}: ${variable} ${problem}`)
        else credential = { setting: candidate.setting, value }
      }
      break
    }
    baseUrlName = source.variables.baseUrlEnv ?? provider.baseUrlEnv
  }
  const baseUrl = options.baseUrl ?? readVariable(env, baseUrlName)
  const settings: ClientSettings = {
    ...(credential !== undefined && { credential }),
    ...(baseUrl !== undefined && { baseUrl }),
    maxRetries: source.connection.maxRetries,
    timeoutMs: source.connection.timeoutMs,
  }
  let client: CustomerGroupProvider
  try {
    client = provider.create(settings)
  } catch (error) {
    if (!InvalidArgumentError.isInstance(error)) throw error
    // The client names the setting; the user knows the flag or the variable.
    for (const issue of error.issues) {
      const where =
        issue.field === 'baseUrl' ? (options.baseUrl !== undefined ? '--base-url' : baseUrlName) : issue.field
      problems.push(`${where}: ${issue.message}`)
    }
    client = provider.create({ maxRetries: settings.maxRetries, timeoutMs: settings.timeoutMs })
  }
  const credentialId =
    credential === undefined
      ? undefined
      : createHash('sha256').update(`${source.provider}\0${credential.value}`).digest('hex').slice(0, 16)
  return { provider: source.provider, client, credentialId, problems }
}
