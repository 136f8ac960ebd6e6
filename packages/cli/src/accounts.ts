import type { CustomerGroupProvider } from '@customer-groups/runtime'
import { isMap, isScalar, type Scalar, type YAMLMap } from 'yaml'
import { readYamlFile } from './input/yaml-file.js'
import {
  type Connection,
  credentialKeysOf,
  isProviderName,
  literalCredentialKeys,
  type ProviderName,
  providerNames,
  type ResolvedAccount,
  resolveAccount,
} from './providers.js'
import type { AccountDirectory } from './rows.js'
import { InputError } from './usage-error.js'

/** An account of the accounts file: its provider and the environment variables that hold its settings. */
export interface AccountDefinition {
  name: string
  provider: ProviderName
  /** Accounts-file key → variable name, e.g. `{ accessTokenEnv: 'SHOP_A_TOKEN', baseUrlEnv: 'SHOP_A_URL' }`. */
  variables: Record<string, string>
}

const accountName = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/
// The usual spelling of an environment variable's name: upper-case, short. A token pasted where a name
// belongs (mixed case, long) fails it, and is then never printed back.
const variableName = /^[A-Z_][A-Z0-9_]{0,63}$/

/**
 * Reads an accounts file (YAML or JSON): account name → `{ provider,
 * <credential>Env: VARIABLE, baseUrlEnv?: VARIABLE }`. Every problem is listed
 * with its line; a credential written into the file itself is refused.
 */
export function readAccountsFile(path: string): AccountDefinition[] {
  const { document, lineOf } = readYamlFile(path, `the accounts file ${path}`)
  const top = document.contents
  if (!isMap(top))
    throw new InputError(
      `${path}: expected account names, each mapped to { provider, <credential>Env, baseUrlEnv? }`,
    )
  const problems: string[] = []
  const accounts: AccountDefinition[] = []
  for (const pair of (top as YAMLMap).items) {
    const key = pair.key as Scalar | null
    const name = isScalar(key) ? String(key.value) : ''
    const at = `line ${lineOf(key)}: ${name}`
    if (!accountName.test(name)) {
      problems.push(`${at}: an account name has letters, digits, '.', '_' and '-' (up to 64)`)
      continue
    }
    if (!isMap(pair.value)) {
      problems.push(`${at}: must be { provider, <credential>Env, baseUrlEnv? }`)
      continue
    }
    const fields = new Map<string, { value: unknown; line: number }>()
    for (const entry of (pair.value as YAMLMap).items) {
      const field = isScalar(entry.key) ? String((entry.key as Scalar).value) : String(entry.key)
      fields.set(field, {
        value: isScalar(entry.value) ? (entry.value as Scalar).value : entry.value,
        line: lineOf(entry.key),
      })
    }
    const provider = fields.get('provider')
    if (!isProviderName(provider?.value)) {
      problems.push(
        `line ${provider?.line ?? lineOf(key)}: ${name}.provider: must be one of ${providerNames.join(', ')}`,
      )
      continue
    }
    const credentialKeys = credentialKeysOf(provider.value)
    const allowed = ['provider', ...credentialKeys, 'baseUrlEnv']
    const variables: Record<string, string> = {}
    for (const [field, { value, line }] of fields) {
      const where = `line ${line}: ${name}.${field}`
      if (field === 'provider') continue
      if (literalCredentialKeys.includes(field) || field === 'baseUrl') {
        problems.push(
          `${where}: settings are never written in the accounts file; put the value in an environment variable and name the variable with ${field === 'baseUrl' ? 'baseUrlEnv' : credentialKeys.join(' or ')}`,
        )
      } else if (!allowed.includes(field)) {
        problems.push(`${where}: is not a key of a ${provider.value} account (${allowed.join(', ')})`)
      } else if (typeof value !== 'string' || !variableName.test(value)) {
        problems.push(
          `${where}: must be the name of an environment variable (upper-case letters, digits and _, up to 64, like SHOP_A_TOKEN), not the value itself; the value given is not shown`,
        )
      } else variables[field] = value
    }
    const given = credentialKeys.filter((field) => fields.has(field))
    if (given.length === 0)
      problems.push(`line ${lineOf(key)}: ${name}: names no credential; add ${credentialKeys.join(' or ')}`)
    if (given.length > 1)
      problems.push(`line ${lineOf(key)}: ${name}: give one of ${given.join(', ')}, not both`)
    accounts.push({ name, provider: provider.value, variables })
  }
  if (accounts.length === 0 && problems.length === 0) problems.push('lists no accounts')
  if (problems.length > 0)
    throw new InputError(
      `${path}: the accounts file has problems:\n${problems.map((problem) => `  ${problem}`).join('\n')}`,
    )
  return accounts
}

/** The accounts a run can use: those of the accounts file, and each provider's default account. */
export class Accounts implements AccountDirectory {
  readonly #definitions: Map<string, AccountDefinition>
  readonly #resolved = new Map<string, ResolvedAccount>()

  constructor(
    definitions: AccountDefinition[] | undefined,
    readonly connection: Connection,
    readonly env: NodeJS.ProcessEnv = process.env,
  ) {
    this.hasFile = definitions !== undefined
    this.#definitions = new Map((definitions ?? []).map((definition) => [definition.name, definition]))
  }

  readonly hasFile: boolean

  providerOf(account: string): ProviderName | undefined {
    return this.#definitions.get(account)?.provider
  }

  /** The account a change goes to, created once with its credentials read from flags or the environment. */
  resolve(provider: ProviderName, account: string | undefined): ResolvedAccount {
    const key = accountKey(provider, account)
    let resolved = this.#resolved.get(key)
    if (resolved === undefined) {
      const definition = account === undefined ? undefined : this.#definitions.get(account)
      resolved = resolveAccount(
        definition === undefined
          ? { kind: 'default', provider, connection: this.connection }
          : {
              kind: 'file',
              provider,
              name: definition.name,
              variables: definition.variables,
              connection: this.connection,
            },
        this.env,
      )
      this.#resolved.set(key, resolved)
    }
    return resolved
  }

  clientFor(provider: ProviderName, account: string | undefined): CustomerGroupProvider {
    return this.resolve(provider, account).client
  }
}

/** Identifies an account in a run: the default account of a provider has no name. */
export function accountKey(provider: ProviderName, account: string | undefined): string {
  return account === undefined ? `${provider} (default account)` : account
}

/** How an account is named in messages. */
export function describeAccount(provider: ProviderName, account: string | undefined): string {
  return account === undefined ? `the default ${provider} account` : `account ${account} (${provider})`
}
