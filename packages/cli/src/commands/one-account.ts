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

/**
 * `--option PROVIDER.OPTION=VALUE` flags (or `OPTION=VALUE`, for `--provider`'s) as `providerOptions`,
 * each value read as the provider's spec types that option. Which options there are is the
 * provider's to say: one it does not declare is refused by the call, naming the ones it has.
 */
export function providerOptionsOf(
  provider: ProviderName,
  operation: OperationName,
  assignments: string[] | undefined,
): Record<string, Record<string, unknown>> | undefined {
  const schemas = capabilitiesOf(provider).operations[operation]?.optionSchemas ?? {}
  const options: Record<string, unknown> = {}
  for (const assignment of assignments ?? []) {
    const dot = assignment.indexOf('.')
    const equals = assignment.indexOf('=')
    const named = dot > 0 && (equals === -1 || dot < equals) ? assignment.slice(0, dot) : undefined
    if (named !== undefined && isProviderName(named) && named !== provider)
      throw new UsageError(
        `--option ${assignment.slice(0, equals === -1 ? 60 : equals)} is for ${named}, not ${provider}`,
      )
    const own = named !== undefined && isProviderName(named) ? assignment.slice(dot + 1) : assignment
    try {
      const [key, value] = parseOptionAssignment(own, (name) => schemas[name])
      options[key] = value
    } catch (error) {
      throw new UsageError((error as Error).message)
    }
  }
  return Object.keys(options).length > 0 ? { [provider]: options } : undefined
}
