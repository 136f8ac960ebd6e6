import { createAPIError, InvalidResponseError } from '../errors.js'
import type { ResponseMetadata } from '../http/request.js'
import { boundValue } from '../validation/bounded-value.js'
import type {
  NormalizedCustomerGroup,
  ProviderGroupRequest,
  ProviderTypes,
} from './customer-group-provider.js'

/** The most a group's `providerMetadata` keeps (characters of keys and strings, plus one per value). */
const maxMetadataSize = 64 * 1024

/** An answer that passed the spec's checks but does not hold what the operation needs. */
export function invalidAnswer(
  provider: string,
  response: ResponseMetadata<unknown>,
  reason: string,
): InvalidResponseError {
  const init = { provider, status: response.status, headers: response.headers, body: undefined }
  return new InvalidResponseError(init, reason)
}

/** The normalized group, or an `InvalidResponseError` when the answer does not hold one. */
export function normalizedGroup<Types extends ProviderTypes>(
  provider: string,
  normalizeGroup: (group: unknown) => NormalizedCustomerGroup<Types> | undefined,
  group: unknown,
  response: ResponseMetadata<unknown>,
  what: string,
): NormalizedCustomerGroup<Types> {
  const result = group === undefined ? undefined : normalizeGroup(group)
  if (result === undefined) throw invalidAnswer(provider, response, `a body without ${what}`)
  // Unknown fields are copied as the server sent them: bounded here, once for every provider.
  if (result.providerMetadata !== undefined) {
    result.providerMetadata = boundValue(result.providerMetadata, {
      maxSize: maxMetadataSize,
    }) as typeof result.providerMetadata
  }
  return result
}

/** An update or get answered with another group than the one asked for is not an answer to it. */
export function checkSameGroup(
  provider: string,
  sameId: (answered: string, asked: string) => boolean,
  group: NormalizedCustomerGroup,
  request: { id?: string },
  response: ResponseMetadata<unknown>,
): void {
  if (request.id === undefined || sameId(group.id, request.id)) return
  throw invalidAnswer(
    provider,
    response,
    `a group with id ${group.id.slice(0, 100)} in answer to a request for id ${request.id.slice(0, 100)}`,
  )
}

/** A group missing from the list it was looked up in, answered as the API would answer for it: 404. */
export function notFoundInList(
  provider: string,
  request: ProviderGroupRequest,
  response: ResponseMetadata<unknown>,
) {
  return createAPIError({
    provider,
    status: 404,
    headers: response.headers,
    body: undefined,
    errors: [
      {
        code: 'customer-group-not-found',
        message: `no customer group has id ${request.id.slice(0, 100)} (looked up in the list of groups)`,
      },
    ],
    requestId: response.requestId,
  })
}
