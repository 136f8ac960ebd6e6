import { clientFactory, defaultInstanceSettings, type ProviderClient } from '@customer-groups/runtime'
import type { paths } from './generated/schema.js'
import { normalizeShoptetGroup } from './normalize-group.js'
import { shoptetFacade, shoptetOperations } from './shoptet-operations.js'
import { type ShoptetSettings, shoptetProtocol } from './shoptet-transport.js'
import type { ShoptetTypes } from './shoptet-types.js'

/**
 * A Shoptet client: one method per operation of its spec, in Shoptet's terms
 * (`updateCustomerGroup({ id: 7, name, language })`, `deleteCustomerGroup({ id: 7 })`),
 * which the facade takes as it is.
 */
export interface ShoptetClient extends ProviderClient<typeof shoptetOperations, ShoptetTypes, paths> {}

/** A client with its own settings; the token and base URL default to the SHOPTET_* variables. */
export const createShoptet: (settings?: ShoptetSettings) => ShoptetClient = /* @__PURE__ */ clientFactory(
  shoptetProtocol,
  shoptetOperations,
  shoptetFacade,
  normalizeShoptetGroup,
)

/** Reads SHOPTET_* credentials and SHOPTET_BASE_URL when a request is made, not at import. */
export const shoptet: ShoptetClient = /* @__PURE__ */ createShoptet(defaultInstanceSettings)
