import { deleteCustomerGroup, UnsupportedOperationError } from '@customer-groups/client'
import { confirm } from '../confirm.js'
import { describeResponse, describeWarning, resultJson } from '../format.js'
import type { Output } from '../output.js'
import { type Connection, capabilitiesOf } from '../providers.js'
import { safeJson, safeText } from '../terminal-text.js'
import { UsageError } from '../usage-error.js'
import { clientFor, type OneAccountFlags } from './one-account.js'

/**
 * `customer-groups delete --id ID`: asks first on a terminal; `--yes` for
 * scripts. A provider without deletion is refused before anything is asked or sent.
 */
export async function deleteCommand(
  flags: OneAccountFlags & { id?: string | undefined; yes?: boolean | undefined },
  connection: Connection,
  output: Output,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  if (flags.id === undefined || flags.id === '') throw new UsageError('--id is required')
  const { provider, client } = clientFor(flags, connection, env)
  if (capabilitiesOf(provider).operations.delete === undefined) {
    throw new UnsupportedOperationError(provider, 'deleteCustomerGroup')
  }
  const question = `Delete ${provider} group ${safeText(flags.id)}? Its customers move to the default group.`
  if (!(await confirm(question, { yes: flags.yes === true, ...output.prompt }))) {
    output.err('Nothing was deleted.')
    return 1
  }
  const result = await deleteCustomerGroup({ provider: client, id: flags.id })
  if (flags.json === true) output.out(safeJson(resultJson(result)))
  else {
    output.out(`${provider} group ${safeText(result.id)} deleted (${describeResponse(result.response)})`)
    for (const warning of result.warnings) output.out(`  warning: ${describeWarning(warning)}`)
  }
  return 0
}
