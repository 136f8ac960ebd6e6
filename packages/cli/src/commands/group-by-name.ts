import {
  type AnyProvider,
  CustomerGroupsError,
  findCustomerGroup,
  type GroupResult,
} from '@customer-groups/client'
import { UsageError } from '../usage-error.js'

/** No group of the account has the name asked for. */
export class GroupNameNotFoundError extends CustomerGroupsError {
  override readonly name: string = 'GroupNameNotFoundError'
}

/** `--id` or `--name`, never both: which group a one-group command is about. */
export function idOrName(flags: { id?: string | undefined; name?: string | undefined }): void {
  if (flags.id !== undefined && flags.name !== undefined)
    throw new UsageError('--id and --name exclude each other: give one')
  if (flags.id === '') throw new UsageError('--id must not be empty')
  if (flags.name === '') throw new UsageError('--name must not be empty')
}

/**
 * The group with exactly this name, read from the list. None is a
 * {@link GroupNameNotFoundError}; two or more an `AmbiguousNameError` naming their ids.
 */
export async function groupByName(
  provider: AnyProvider,
  name: string,
): Promise<GroupResult<AnyProvider, 'list'>> {
  const found = await findCustomerGroup({ provider, name })
  if (found === undefined)
    throw new GroupNameNotFoundError(
      `${provider.providerId} has no group named ${JSON.stringify(name.slice(0, 200))}`,
    )
  return found
}
