import { updateCustomerGroup } from '@customer-groups/client'
import { describeResult, resultJson } from '../format.js'
import type { Output } from '../output.js'
import type { Connection } from '../providers.js'
import { safeJson } from '../terminal-text.js'
import { UsageError } from '../usage-error.js'
import { clientFor, type OneAccountFlags, providerOptionsOf } from './one-account.js'

export interface UpdateFlags extends OneAccountFlags {
  id?: string | undefined
  name?: string | undefined
  description?: string | undefined
  clearDescription?: boolean | undefined
}

/** `customer-groups update`: one update, printed readably or as JSON. */
export async function updateCommand(
  flags: UpdateFlags,
  connection: Connection,
  output: Output,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  const { id } = flags
  if (id === undefined || id === '') throw new UsageError('--id is required')
  if (flags.description !== undefined && flags.clearDescription === true) {
    throw new UsageError('--description and --clear-description exclude each other')
  }
  const { provider, client } = clientFor(flags, connection, env)
  const providerOptions = providerOptionsOf(provider, 'update', flags.option)
  const result = await updateCustomerGroup({
    provider: client,
    id,
    ...(flags.name !== undefined && { name: flags.name }),
    ...(flags.description !== undefined && { description: flags.description }),
    ...(flags.clearDescription === true && { description: null }),
    ...(providerOptions !== undefined && { providerOptions }),
  })
  output.out(flags.json === true ? safeJson(resultJson(result)) : describeResult(result, 'updated'))
  return 0
}
