import { type ProvidingProject, provideMockServers } from '@customer-groups/testing/vitest'

const specs = { xtrakit: '../xtrakit/openapi.yaml', shoptet: '../shoptet/openapi.yaml' }
const examples = provideMockServers(specs)
// Mocks that remember, for sync: each test file opens its own shops with its own credentials.
const stateful = provideMockServers(specs, { stateful: true })

export default async function setup(project: ProvidingProject): Promise<() => Promise<void>> {
  const stops = await Promise.all([examples(project), stateful(project)])
  return async () => {
    await Promise.all(stops.map((stop) => stop()))
  }
}
