import { deleteCustomerGroup, getCustomerGroup, UnsupportedOperationError } from '@customer-groups/client'
import { confirm, refuseWithoutTerminal } from '../confirm.js'
import { describeResponse, describeWarning, resultJson } from '../format.js'
import type { Output } from '../output.js'
import { type Connection, capabilitiesOf } from '../providers.js'
import { safeJson, safeText } from '../terminal-text.js'
import { groupByName, idOrName } from './group-by-name.js'
import { clientFor, type OneAccountFlags } from './one-account.js'

/**
 * `customer-groups delete --id ID | --name NAME`: asks first on a terminal,
 * naming the group; `--yes` for scripts. A provider without deletion is
 * refused before anything is asked or sent.
 */
export async function deleteCommand(
  flags: OneAccountFlags & { id?: string | undefined; name?: string | undefined; yes?: boolean | undefined },
  connection: Connection,
  output: Output,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  idOrName(flags)
  const { provider, client } = clientFor(flags, connection, env)
  if (capabilitiesOf(provider).operations.delete === undefined) {
    throw new UnsupportedOperationError(provider, 'deleteCustomerGroup')
  }
  const yes = flags.yes === true
  // Refused before anything is read: the group is looked up only to be named in the question.
  refuseWithoutTerminal({ yes, ...output.prompt })
  const group =
    flags.name !== undefined
      ? (await groupByName(client, flags.name)).group
      : yes
        ? undefined
        : (await getCustomerGroup({ provider: client, id: flags.id as string })).group
  const id = group?.id ?? (flags.id as string)
  const named = group === undefined ? '' : ` ${safeText(JSON.stringify(group.name))}`
  const question = `Delete ${provider} group ${safeText(id)}${named}? Its customers move to the default group.`
  if (!(await confirm(question, { yes, ...output.prompt }))) {
    output.err('Nothing was deleted.')
    return 1
  }
  const result = await deleteCustomerGroup({ provider: client, id })
  if (flags.json === true) output.out(safeJson(resultJson(result)))
  else {
    output.out(
      `${provider} group ${safeText(result.id)}${named} deleted (${describeResponse(result.response)})`,
    )
    for (const warning of result.warnings) output.out(`  warning: ${describeWarning(warning)}`)
  }
  return 0
}
