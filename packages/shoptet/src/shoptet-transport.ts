import {
  type ProviderProtocol,
  type ProviderSettings,
  type Transport,
  transportFactory,
} from '@customer-groups/runtime'
import { shoptetEntry } from './entry.js'
import { packageVersion } from './generated/package-version.js'
import type { paths } from './generated/schema.js'
import { specInfo } from './generated/spec-info.js'
import { inspectShoptetResponse, type ShoptetResponseFacts } from './rate-limit.js'

/**
 * Every client's settings, and Shoptet's tokens: `accessToken` (an add-on's,
 * else SHOPTET_ACCESS_TOKEN) or `privateApiToken` (a shop's, else
 * SHOPTET_PRIVATE_API_TOKEN), read at each call. A token given in code always
 * wins over the environment.
 */
export type ShoptetSettings = ProviderSettings<typeof shoptetEntry>

/** What the shared pipeline needs to know about Shoptet. */
export const shoptetProtocol: ProviderProtocol<ShoptetResponseFacts> = {
  entry: shoptetEntry,
  spec: specInfo,
  version: packageVersion,
  inspectResponse: inspectShoptetResponse,
}

/**
 * The pipeline alone, with Shoptet's credentials, limits and error envelope: for an app
 * that imports single operations and ships nothing else, as in
 * `updateCustomerGroup.send(createShoptetTransport(), { id, ...fields })`.
 */
export const createShoptetTransport: (settings?: ShoptetSettings) => Transport<paths, ShoptetResponseFacts> =
  /* @__PURE__ */ transportFactory(shoptetProtocol)
