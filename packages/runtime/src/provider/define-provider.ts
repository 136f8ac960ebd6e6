import type { Client } from 'openapi-fetch'
import type { CallOptions, HttpClient, ResponseMetadata } from '../http/create-http-client.js'
import type { CustomerGroupProvider, ProviderCapabilities } from './customer-group-provider.js'

/** What a provider package supplies; `defineProvider` adds what every provider exposes the same way. */
export interface ProviderParts<Paths extends {}, Raw, Id, Input, Options extends CallOptions>
  extends CustomerGroupProvider<Raw> {
  readonly capabilities: ProviderCapabilities
  readonly http: HttpClient<Paths>
  /** Validates and sends the provider's own operation. */
  send(id: Id, input: Input, options?: Options): Promise<{ data: Raw; response: ResponseMetadata }>
}

/** A provider client: the facade's interface plus the spec-typed call and the raw openapi-fetch client. */
export interface ProviderClient<Paths extends {}, Raw, Id, Input, Options extends CallOptions>
  extends CustomerGroupProvider<Raw> {
  /** The typed openapi-fetch client, authenticated, for anything else the spec holds. */
  readonly api: Client<Paths>
  /** Calls the operation with the provider's own field names; the input is checked against the spec first. */
  updateCustomerGroup(id: Id, input: Input, options?: Options): Promise<Raw>
}

export function defineProvider<Paths extends {}, Raw, Id, Input, Options extends CallOptions>(
  parts: ProviderParts<Paths, Raw, Id, Input, Options>,
): ProviderClient<Paths, Raw, Id, Input, Options> {
  const { providerId, capabilities, http, send, doUpdateCustomerGroup } = parts
  return {
    providerId,
    capabilities,
    get api() {
      return http.api
    },
    async updateCustomerGroup(id, input, options) {
      return (await send(id, input, options)).data
    },
    doUpdateCustomerGroup,
  }
}
