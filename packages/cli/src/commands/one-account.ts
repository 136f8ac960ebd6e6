import type { CustomerGroupProvider, OperationName } from '@customer-groups/runtime'
import { parseOptionAssignment } from '../option-value.js'
import {
  type Connection,
  capabilitiesOf,
  isProviderName,
  type ProviderName,
  providerNames,
  resolveAccount,
} from '../providers.js'
import { InputError, UsageError } from '../usage-error.js'

/** The flags every one-group command shares. */
export interface OneAccountFlags {
  provider?: string | undefined
  baseUrl?: string | undefined
  option?: string[] | undefined
  json?: boolean | undefined
}

/**
 * The provider client of the default account for `--provider`, with its
 * credential and base URL checked now and named as the user gives them.
 */
export function clientFor(
  flags: OneAccountFlags,
  connection: Connection,
  env: NodeJS.ProcessEnv,
): { provider: ProviderName; client: CustomerGroupProvider } {
  const { provider } = flags
  if (!isProviderName(provider)) throw new UsageError(`--provider must be one of ${providerNames.join(', ')}`)
  const account = resolveAccount({ kind: 'default', provider, connection }, env, { baseUrl: flags.baseUrl })
  if (account.problems.length > 0)
    throw new InputError(`The ${provider} account cannot be used: ${account.problems.join('; ')}`)
  return { provider, client: account.client }
}

/** `--option key=value` flags as `providerOptions`, each value read as the spec types that option. */
export function providerOptionsOf(
  provider: ProviderName,
  operation: OperationName,
  assignments: string[] | undefined,
  extra: Record<string, unknown> = {},
): Record<string, Record<string, unknown>> | undefined {
  const schemas = capabilitiesOf(provider).operations[operation]?.optionSchemas ?? {}
  const options: Record<string, unknown> = {}
  for (const assignment of assignments ?? []) {
    try {
      const [key, value] = parseOptionAssignment(assignment, (name) => schemas[name])
      options[key] = value
    } catch (error) {
      throw new UsageError((error as Error).message)
    }
  }
  Object.assign(options, extra)
  return Object.keys(options).length > 0 ? { [provider]: options } : undefined
}
