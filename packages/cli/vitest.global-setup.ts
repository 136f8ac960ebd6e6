import { providerIds } from '@customer-groups/registry'
import { type ProvidingProject, provideMockServers } from '@customer-groups/testing/vitest'

// One mock per registered provider, from the spec its package ships; and one that remembers, for plan and sync.
const specs = Object.fromEntries(providerIds.map((id) => [id, id]))
const examples = provideMockServers(specs)
const stateful = provideMockServers(specs, { stateful: true })

export default async function setup(project: ProvidingProject): Promise<() => Promise<void>> {
  const stops = await Promise.all([examples(project), stateful(project)])
  return async () => {
    await Promise.all(stops.map((stop) => stop()))
  }
}
