import { getCustomerGroup } from '@customer-groups/client'
import { describeResult, resultJson } from '../format.js'
import type { Output } from '../output.js'
import type { Connection } from '../providers.js'
import { safeJson } from '../terminal-text.js'
import { groupByName, idOrName } from './group-by-name.js'
import { clientFor, type OneAccountFlags } from './one-account.js'

/**
 * `customer-groups get --id ID | --name NAME`: one group, read from the list
 * where the provider has no endpoint for it (and always by name).
 */
export async function getCommand(
  flags: OneAccountFlags & { id?: string | undefined; name?: string | undefined },
  connection: Connection,
  output: Output,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  idOrName(flags)
  const { client } = clientFor(flags, connection, env)
  const result =
    flags.id !== undefined
      ? await getCustomerGroup({ provider: client, id: flags.id })
      : await groupByName(client, flags.name as string)
  output.out(flags.json === true ? safeJson(resultJson(result)) : describeResult(result, 'is'))
  return 0
}
