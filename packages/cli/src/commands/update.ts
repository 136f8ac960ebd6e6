import { type ProviderOptions, updateCustomerGroup } from '@customer-groups/client'
import { describeResult, resultJson } from '../format.js'
import { parseOptionAssignment } from '../option-value.js'
import type { Output } from '../output.js'
import { type Connection, isProviderName, providerNames, resolveAccount } from '../providers.js'
import { safeJson } from '../terminal-text.js'
import { InputError, UsageError } from '../usage-error.js'

export interface UpdateFlags {
  provider?: string | undefined
  id?: string | undefined
  name?: string | undefined
  description?: string | undefined
  clearDescription?: boolean | undefined
  option?: string[] | undefined
  language?: string | undefined
  json?: boolean | undefined
  baseUrl?: string | undefined
}

/** `customer-groups update`: one update, printed readably or as JSON. */
export async function updateCommand(
  flags: UpdateFlags,
  connection: Connection,
  output: Output,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  const { provider, id } = flags
  if (!isProviderName(provider)) throw new UsageError(`--provider must be one of ${providerNames.join(', ')}`)
  if (id === undefined || id === '') throw new UsageError('--id is required')
  if (flags.description !== undefined && flags.clearDescription === true) {
    throw new UsageError('--description and --clear-description exclude each other')
  }
  const options: Record<string, unknown> = {}
  for (const assignment of flags.option ?? []) {
    try {
      const [key, value] = parseOptionAssignment(assignment)
      options[key] = value
    } catch (error) {
      throw new UsageError((error as Error).message)
    }
  }
  if (flags.language !== undefined) options.language = flags.language
  const account = resolveAccount({ kind: 'default', provider, connection }, env, { baseUrl: flags.baseUrl })
  if (account.problems.length > 0)
    throw new InputError(`The ${provider} account cannot be used: ${account.problems.join('; ')}`)
  const providerOptions: ProviderOptions | undefined =
    Object.keys(options).length > 0 ? { [provider]: options } : undefined
  const result = await updateCustomerGroup({
    provider: account.client,
    id,
    ...(flags.name !== undefined && { name: flags.name }),
    ...(flags.description !== undefined && { description: flags.description }),
    ...(flags.clearDescription === true && { description: null }),
    ...(providerOptions !== undefined && { providerOptions }),
  })
  output.out(flags.json === true ? safeJson(resultJson(result)) : describeResult(result))
  return 0
}
