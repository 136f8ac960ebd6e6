import type { Client } from 'openapi-fetch'
import { type ArgumentIssue, InvalidArgumentError } from '../errors/invalid-argument-error.js'
import type { CallOptions, HttpClient, ResponseMetadata } from '../http/create-http-client.js'
import type {
  CustomerGroupProvider,
  ProviderCapabilities,
  ProviderUpdateRequest,
  ProviderUpdateResult,
} from './customer-group-provider.js'

/** One call of the provider's own operation, in its own terms. */
export interface ProviderCall<Id, Input, Options> {
  id: Id
  input: Input
  options: Options
}

/** What a provider package supplies; `defineProvider` adds what every provider exposes the same way. */
export interface ProviderParts<Paths extends {}, Raw, Id, Input, Options extends CallOptions> {
  providerId: string
  capabilities: ProviderCapabilities
  http: HttpClient<Paths>
  /** Throws `InvalidArgumentError` for a call that breaks the spec. */
  validate(call: ProviderCall<Id, Input, Options>): void
  /** Sends a validated call. */
  send(call: ProviderCall<Id, Input, Options>): Promise<{ data: Raw; response: ResponseMetadata }>
  /** Maps a normalized request to the provider's call; throws `InvalidArgumentError` for what cannot map. */
  toCall(request: ProviderUpdateRequest): ProviderCall<Id, Input, Options>
  /** Maps the provider's answer back to the normalized shape. */
  normalize(
    data: Raw,
    call: ProviderCall<Id, Input, Options>,
    response: ResponseMetadata,
  ): Pick<ProviderUpdateResult<Raw>, 'group' | 'warnings'>
}

/** A provider client: the facade's interface plus the spec-typed call and the raw openapi-fetch client. */
export interface ProviderClient<Paths extends {}, Raw, Id, Input, Options extends CallOptions>
  extends CustomerGroupProvider<Raw> {
  /** The typed openapi-fetch client, authenticated, for anything else the spec holds. */
  readonly api: Client<Paths>
  /** Calls the operation with the provider's own field names; the input is checked against the spec first. */
  updateCustomerGroup(id: Id, input: Input, options?: Options): Promise<Raw>
  checkUpdateCustomerGroup(request: ProviderUpdateRequest): ArgumentIssue[]
}

export function defineProvider<Paths extends {}, Raw, Id, Input, Options extends CallOptions>(
  parts: ProviderParts<Paths, Raw, Id, Input, Options>,
): ProviderClient<Paths, Raw, Id, Input, Options> {
  const { providerId, capabilities, http, validate, send, toCall, normalize } = parts
  return {
    providerId,
    capabilities,
    get api() {
      return http.api
    },
    async updateCustomerGroup(id, input, options) {
      const call = { id, input, options: options ?? ({} as Options) }
      validate(call)
      return (await send(call)).data
    },
    async doUpdateCustomerGroup(request) {
      const call = toCall(request)
      validate(call)
      const { data, response } = await send(call)
      const { group, warnings } = normalize(data, call, response)
      return { group, warnings, raw: data, response }
    },
    checkUpdateCustomerGroup(request) {
      try {
        validate(toCall(request))
        return []
      } catch (error) {
        if (InvalidArgumentError.isInstance(error)) return [...error.issues]
        throw error
      }
    },
  }
}
