import {
  type APIPromise,
  type CallOptions,
  type CustomerGroupProvider,
  createApiClient,
  defaultInstanceSettings,
  defineProvider,
  type OpenApiClient,
  type ProviderWith,
  parsePositiveInteger,
  type Transport,
} from '@customer-groups/runtime'
import { createCustomerGroup } from './create-customer-group.js'
import { deleteCustomerGroup } from './delete-customer-group.js'
import type { paths } from './generated/schema.js'
import { listCustomerGroups } from './list-customer-groups.js'
import { normalizeShoptetGroup, shoptetWarnings } from './normalize-group.js'
import type { ShoptetResponseFacts } from './rate-limit.js'
import { createShoptetTransport, type ShoptetSettings } from './shoptet-transport.js'
import type {
  CreateCustomerGroupInput,
  CreateCustomerGroupResponse,
  CustomerGroupListResponse,
  DeleteCustomerGroupResponse,
  ListCustomerGroupsResponse,
  ShoptetTypes,
  UpdateCustomerGroupInput,
  UpdateCustomerGroupQuery,
  UpdateCustomerGroupResponse,
} from './types.js'
import { updateCustomerGroup } from './update-customer-group.js'

type Response<Data> = APIPromise<Data, ShoptetResponseFacts>

/** The normalized operations Shoptet has; `get` reads the list, as Shoptet has no endpoint for one group. */
type Implemented =
  | 'doListCustomerGroups'
  | 'doGetCustomerGroup'
  | 'doCreateCustomerGroup'
  | 'doUpdateCustomerGroup'
  | 'doDeleteCustomerGroup'
  | 'checkCustomerGroupRequest'

/** A Shoptet client: its own operations in Shoptet's terms, and the facade's normalized interface. */
export interface ShoptetClient extends ProviderWith<ShoptetTypes, Implemented> {
  /** The typed openapi-fetch client, through the same pipeline (auth, retries, timeouts, limits, hooks). */
  readonly api: OpenApiClient<paths>
  /** The pipeline every call goes through; pass it to an operation imported alone, as in `updateCustomerGroup.send(client.transport, params)`. */
  readonly transport: Transport<paths, ShoptetResponseFacts>
  /** Every group of the shop, ordered by priority. */
  listCustomerGroups(options?: CallOptions): Response<ListCustomerGroupsResponse>
  /** Creates a group (`name` required, unique in the shop); answers with every group. */
  createCustomerGroup(
    input: CreateCustomerGroupInput,
    options?: CallOptions,
  ): Response<CreateCustomerGroupResponse>
  /** Changes the fields given (and only those); `language` picks which translation of the texts. */
  updateCustomerGroup(
    id: number,
    input: UpdateCustomerGroupInput & UpdateCustomerGroupQuery,
    options?: CallOptions,
  ): Response<UpdateCustomerGroupResponse>
  /** Deletes a group; its customers move to the default group, which itself cannot be deleted. */
  deleteCustomerGroup(id: number, options?: CallOptions): Response<DeleteCustomerGroupResponse>
}

const allGroups = (data: unknown) => (data as CustomerGroupListResponse).data.customerGroups

/**
 * Shoptet's list is not paginated (its spec says so), but Shoptet's paginated
 * endpoints say so in `data.paginator`: an answer with more than one page is
 * refused rather than taken as every group. Reading the other pages would
 * need a page parameter the spec does not have.
 */
function morePages(data: unknown): string | undefined {
  const paginator = (data as { data?: { paginator?: { pageCount?: unknown } } }).data?.paginator
  const pages = paginator?.pageCount
  return typeof pages === 'number' && pages > 1
    ? `a list of ${pages} pages, of which only the first was read: the groups on the others are unknown`
    : undefined
}

/** The client's own members: everything but the facade's interface, which defineProvider builds. */
type Own<Client> = Omit<Client, keyof CustomerGroupProvider>

export function createShoptet(settings: ShoptetSettings = {}): ShoptetClient {
  const transport = createShoptetTransport(settings)
  let api: OpenApiClient<paths> | undefined
  const provider = defineProvider<ShoptetTypes, Own<ShoptetClient>>(
    {
      transport,
      fields: { name: 'name', description: 'description' },
      normalizeGroup: normalizeShoptetGroup,
      warningsOf: shoptetWarnings,
      // Ids are numbers at Shoptet; one that is not a positive integer goes on as given, for the spec to refuse.
      toId: (id) => parsePositiveInteger(id) ?? id,
      operations: {
        list: { operation: listCustomerGroups, groups: allGroups, incomplete: morePages },
        // Both answer with every group: the new one is the one with its name (names are unique in a shop).
        create: {
          operation: createCustomerGroup,
          group: (data, params) => allGroups(data).find((group) => group.name === params.name),
        },
        update: {
          operation: updateCustomerGroup,
          group: (data, params) => allGroups(data).find((group) => group.id === params.id),
        },
        delete: { operation: deleteCustomerGroup },
      },
    },
    {
      transport,
      // Built on first use: the openapi-fetch client is not needed by the wrapped operations.
      get api() {
        api ??= createApiClient<paths>(transport)
        return api
      },
      listCustomerGroups: (options) => listCustomerGroups.send(transport, undefined, options),
      createCustomerGroup: (input, options) => createCustomerGroup.send(transport, input, options),
      updateCustomerGroup: (id, input, options) =>
        updateCustomerGroup.send(transport, { ...input, id }, options),
      deleteCustomerGroup: (id, options) => deleteCustomerGroup.send(transport, { id }, options),
    },
  )
  // defineProvider gives a do* method for each operation it was given, and the check.
  return provider as ShoptetClient
}

/** Reads SHOPTET_* credentials and SHOPTET_BASE_URL when a request is made, not at import. */
export const shoptet: ShoptetClient = /* @__PURE__ */ createShoptet(defaultInstanceSettings)
