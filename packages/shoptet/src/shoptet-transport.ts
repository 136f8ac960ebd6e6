import { createTransport, type Transport } from '@customer-groups/runtime'
import type { ShoptetSettings } from './create-shoptet.js'
import type { paths } from './generated/schema.js'
import type { ShoptetResponseFacts } from './rate-limit.js'
import { shoptetProtocol } from './shoptet-protocol.js'

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
