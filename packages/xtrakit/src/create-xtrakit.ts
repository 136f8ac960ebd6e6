import {
  type APIPromise,
  type CallOptions,
  type CustomerGroupProvider,
  createApiClient,
  defaultInstanceSettings,
  defineProvider,
  type OpenApiClient,
  type ProviderWith,
  type Transport,
} from '@customer-groups/runtime'
import { createCustomerGroup } from './create-customer-group.js'
import type { paths } from './generated/schema.js'
import { getCustomerGroup } from './get-customer-group.js'
import { listCustomerGroups } from './list-customer-groups.js'
import { normalizeXtrakitGroup } from './normalize-group.js'
import type {
  CreateCustomerGroupInput,
  CreateCustomerGroupResponse,
  CustomerGroupResponse,
  GetCustomerGroupResponse,
  ListCustomerGroupsQuery,
  ListCustomerGroupsResponse,
  UpdateCustomerGroupInput,
  UpdateCustomerGroupResponse,
  XtrakitTypes,
} from './types.js'
import { updateCustomerGroup } from './update-customer-group.js'
import { createXtrakitTransport, type XtrakitSettings } from './xtrakit-transport.js'

type Response<Data> = APIPromise<Data, Record<string, never>>

/** The normalized operations Xtrakit has: every one but delete, which its API does not document. */
type Implemented =
  | 'doListCustomerGroups'
  | 'doGetCustomerGroup'
  | 'doCreateCustomerGroup'
  | 'doUpdateCustomerGroup'
  | 'checkCustomerGroupRequest'

/** An Xtrakit client: its own operations in Xtrakit's terms, and the facade's normalized interface. */
export interface XtrakitClient extends ProviderWith<XtrakitTypes, Implemented> {
  /** The typed openapi-fetch client, through the same pipeline (auth, retries, timeouts, limits, hooks). */
  readonly api: OpenApiClient<paths>
  /** The pipeline every call goes through; pass it to an operation imported alone, as in `updateCustomerGroup.send(client.transport, params)`. */
  readonly transport: Transport<paths, Record<string, never>>
  /** The account's groups; the filters are optional. */
  listCustomerGroups(
    query?: ListCustomerGroupsQuery,
    options?: CallOptions,
  ): Response<ListCustomerGroupsResponse>
  getCustomerGroup(id: string, options?: CallOptions): Response<GetCustomerGroupResponse>
  /** Adds a group; `group_name` is required. */
  createCustomerGroup(
    input: CreateCustomerGroupInput,
    options?: CallOptions,
  ): Response<CreateCustomerGroupResponse>
  /** Replaces the group's name and description; `group_name` is required on every call. */
  updateCustomerGroup(
    id: string,
    input: UpdateCustomerGroupInput,
    options?: CallOptions,
  ): Response<UpdateCustomerGroupResponse>
}

const groupOf = (data: unknown) => (data as CustomerGroupResponse).data.group

/** The client's own members: everything but the facade's interface, which defineProvider builds. */
type Own<Client> = Omit<Client, keyof CustomerGroupProvider>

export function createXtrakit(settings: XtrakitSettings = {}): XtrakitClient {
  const transport = createXtrakitTransport(settings)
  let api: OpenApiClient<paths> | undefined
  const provider = defineProvider<XtrakitTypes, Own<XtrakitClient>>(
    {
      transport,
      fields: { name: 'group_name', description: 'group_description' },
      normalizeGroup: normalizeXtrakitGroup,
      operations: {
        list: {
          operation: listCustomerGroups,
          // The spec allows one group object where a list is expected (see specs/README.md).
          groups: (data) => {
            const { groups } = (data as ListCustomerGroupsResponse).data
            return Array.isArray(groups) ? groups : [groups]
          },
        },
        get: { operation: getCustomerGroup, group: groupOf },
        create: { operation: createCustomerGroup, group: groupOf },
        update: { operation: updateCustomerGroup, group: groupOf },
      },
    },
    {
      transport,
      // Built on first use: the openapi-fetch client is not needed by the wrapped operations.
      get api() {
        api ??= createApiClient<paths>(transport)
        return api
      },
      listCustomerGroups: (query, options) => listCustomerGroups.send(transport, query, options),
      getCustomerGroup: (id, options) => getCustomerGroup.send(transport, { id }, options),
      createCustomerGroup: (input, options) => createCustomerGroup.send(transport, input, options),
      updateCustomerGroup: (id, input, options) =>
        updateCustomerGroup.send(transport, { ...input, id }, options),
    },
  )
  // defineProvider gives a do* method for each operation it was given, and the check.
  return provider as XtrakitClient
}

/** Reads XTRAKIT_API_KEY and XTRAKIT_BASE_URL when a request is made, not at import. */
export const xtrakit: XtrakitClient = /* @__PURE__ */ createXtrakit(defaultInstanceSettings)
