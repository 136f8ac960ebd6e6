import { getCustomerGroup } from '@customer-groups/client'
import { describeResult, resultJson } from '../format.js'
import type { Output } from '../output.js'
import type { Connection } from '../providers.js'
import { safeJson } from '../terminal-text.js'
import { UsageError } from '../usage-error.js'
import { clientFor, type OneAccountFlags } from './one-account.js'

/** `customer-groups get --id ID`: one group, read from the list where the provider has no endpoint for it. */
export async function getCommand(
  flags: OneAccountFlags & { id?: string | undefined },
  connection: Connection,
  output: Output,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  if (flags.id === undefined || flags.id === '') throw new UsageError('--id is required')
  const { client } = clientFor(flags, connection, env)
  const result = await getCustomerGroup({ provider: client, id: flags.id })
  output.out(flags.json === true ? safeJson(resultJson(result)) : describeResult(result, 'is'))
  return 0
}
