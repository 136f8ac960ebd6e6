import { providerIds } from '@customer-groups/registry'
import { provideMockServers } from '@customer-groups/testing/vitest'

// One mock per registered provider, from the spec its package ships.
export default provideMockServers(Object.fromEntries(providerIds().map((id) => [id, id])))
