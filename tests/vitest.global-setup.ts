import { providerIds } from '@customer-groups/registry'
import { provideMockServers } from '@customer-groups/testing/vitest'

// One Prism mock per registered provider, from the spec its installed package ships.
export default provideMockServers(Object.fromEntries(providerIds().map((id) => [id, id])))
