import type { DerivedTypes } from '@customer-groups/runtime'
import type { ShoptetResponseFacts } from './rate-limit.js'
import type { shoptetFacade } from './shoptet-operations.js'
import type { CustomerGroup } from './types.js'

/**
 * What the facade infers from a Shoptet client: options and raw answers read
 * from its operations (`get` reads the list, so its raw answer is the list's);
 * `providerMetadata.shoptet` holds every field of the group but id, name and
 * description; responses carry the rate-limit bucket.
 */
export interface ShoptetTypes
  extends DerivedTypes<
    'shoptet',
    (typeof shoptetFacade)['operations'],
    (typeof shoptetFacade)['fields'],
    Omit<CustomerGroup, 'id' | 'name' | 'description'>,
    ShoptetResponseFacts
  > {}
