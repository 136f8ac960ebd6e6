import { type ClientSettings, createTransport, type Transport } from '@customer-groups/runtime'
import type { paths } from './generated/schema.js'
import type { ShoptetResponseFacts } from './rate-limit.js'
import { shoptetProtocol } from './shoptet-protocol.js'

export interface ShoptetSettings extends ClientSettings {
  /** An add-on's access token; defaults to SHOPTET_ACCESS_TOKEN, read at each call. */
  accessToken?: string | undefined
  /**
   * A shop's private API token; defaults to SHOPTET_PRIVATE_API_TOKEN. A token
   * given in code always wins over the environment.
   */
  privateApiToken?: string | undefined
}

/**
 * The pipeline alone, with Shoptet's credentials, limits and error envelope: for an app
 * that imports single operations and ships nothing else, as in
 * `updateCustomerGroup.send(createShoptetTransport(), { id, ...fields })`.
 */
export function createShoptetTransport(
  settings: ShoptetSettings = {},
): Transport<paths, ShoptetResponseFacts> {
  return createTransport<paths, ShoptetResponseFacts>(shoptetProtocol, settings)
}
