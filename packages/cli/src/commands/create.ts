import { createCustomerGroup } from '@customer-groups/client'
import { describeResult, resultJson } from '../format.js'
import type { Output } from '../output.js'
import type { Connection } from '../providers.js'
import { safeJson } from '../terminal-text.js'
import { UsageError } from '../usage-error.js'
import { clientFor, type OneAccountFlags, providerOptionsOf } from './one-account.js'

/** `customer-groups create --name NAME`: a new group, printed as the provider stored it. */
export async function createCommand(
  flags: OneAccountFlags & { name?: string | undefined; description?: string | undefined },
  connection: Connection,
  output: Output,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  if (flags.name === undefined) throw new UsageError('--name is required')
  const { provider, client } = clientFor(flags, connection, env)
  const providerOptions = providerOptionsOf(provider, 'create', flags.option)
  const result = await createCustomerGroup({
    provider: client,
    name: flags.name,
    ...(flags.description !== undefined && { description: flags.description }),
    ...(providerOptions !== undefined && { providerOptions }),
  })
  output.out(flags.json === true ? safeJson(resultJson(result)) : describeResult(result, 'created'))
  return 0
}
