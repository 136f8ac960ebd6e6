import { providerIds } from '@customer-groups/registry'
import { type ProvidingProject, provideMockServers } from '@customer-groups/testing/vitest'

// One Prism mock per registered provider, from the spec its package ships: the test-only providers
// too, registered before the list is read.
export default async function setup(project: ProvidingProject): Promise<() => Promise<void>> {
  await import('./register-test-providers.mjs')
  return provideMockServers(Object.fromEntries(providerIds().map((id) => [id, id])))(project)
}
