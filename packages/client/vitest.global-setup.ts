import { providerIds } from '@customer-groups/registry'
import { type ProvidingProject, provideMockServers } from '@customer-groups/testing/vitest'

// One mock per registered provider, from the spec its package ships.
const specs = Object.fromEntries(providerIds().map((id) => [id, id]))
const examples = provideMockServers(specs)
// Mocks that remember, for sync: each test file opens its own shops with its own credentials.
const stateful = provideMockServers(specs, { stateful: true })

export default async function setup(project: ProvidingProject): Promise<() => Promise<void>> {
  const stops = await Promise.all([examples(project), stateful(project)])
  return async () => {
    await Promise.all(stops.map((stop) => stop()))
  }
}
