import { listCustomerGroups } from '@customer-groups/client'
import { describeResponse, describeWarning, groupTable, resultJson } from '../format.js'
import type { Output } from '../output.js'
import type { Connection } from '../providers.js'
import { safeJson } from '../terminal-text.js'
import { clientFor, type OneAccountFlags, providerOptionsOf } from './one-account.js'

/** `customer-groups list`: every group of the account, as a table on a terminal, else tab-separated or JSON. */
export async function listCommand(
  flags: OneAccountFlags,
  connection: Connection,
  output: Output,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  const { provider, client } = clientFor(flags, connection, env)
  const providerOptions = providerOptionsOf(provider, 'list', flags.option)
  const result = await listCustomerGroups({ provider: client, ...(providerOptions && { providerOptions }) })
  if (flags.json === true) {
    output.out(safeJson(resultJson(result)))
    return 0
  }
  output.out(groupTable(result.groups, output.isTerminal === true))
  for (const warning of result.warnings) output.err(`warning: ${describeWarning(warning)}`)
  output.err(`${result.groups.length} group(s) (${describeResponse(result.response)})`)
  return 0
}
