// `pnpm start`: the facade against Prism mocks of our specs that remember what is written (so an update shows
// what it changed), or against the real APIs when credentials are set; then a declarative sync against such
// mocks (never against a real shop).
import { type AnyProvider, findCustomerGroup, listCustomerGroups } from '@customer-groups/client'
import { createShoptet } from '@customer-groups/shoptet'
import { type MockServer, type StatefulMockServer, startMockServer } from '@customer-groups/testing'
import { createXtrakit } from '@customer-groups/xtrakit'
import { syncEverywhere } from './sync-everywhere.js'
import { updateEverywhere } from './update-everywhere.js'

const env = process.env
const mocks: MockServer[] = []
/** The stateful mock of each provider this run started, for the sync to reuse (as another shop). */
const statefulMocks: Partial<Record<'xtrakit' | 'shoptet', StatefulMockServer>> = {}

async function mockUnless(provider: 'xtrakit' | 'shoptet', credentialsSet: boolean, baseUrlVariable: string) {
  if (credentialsSet) {
    console.log(
      `${provider}: real API at ${env[baseUrlVariable] ?? 'the spec default URL'} (credentials from the environment)`,
    )
    return undefined
  }
  const mock = (await startMockServer({ provider, stateful: true })) as StatefulMockServer
  mocks.push(mock)
  statefulMocks[provider] = mock
  console.log(
    `${provider}: Prism mock of our spec at ${mock.url}, remembering what is written (set credentials in the environment to use the real API)`,
  )
  return mock.url
}

/** The group to update: by id when one is given, else found by its name in the list. */
async function groupId(
  provider: AnyProvider,
  id: string | undefined,
  name: string,
): Promise<string | undefined> {
  if (id !== undefined) {
    console.log(`   ${provider.providerId}: group ${id} (from the environment)`)
    return id
  }
  const found = await findCustomerGroup({ provider, name })
  console.log(
    found === undefined
      ? `   ${provider.providerId}: no group named ${JSON.stringify(name)}`
      : `   ${provider.providerId}: ${JSON.stringify(name)} is group ${found.group.id}`,
  )
  return found?.group.id
}

async function main(): Promise<void> {
  const xtrakitMock = await mockUnless('xtrakit', env.XTRAKIT_API_KEY !== undefined, 'XTRAKIT_BASE_URL')
  const shoptetMock = await mockUnless(
    'shoptet',
    env.SHOPTET_ACCESS_TOKEN !== undefined || env.SHOPTET_PRIVATE_API_TOKEN !== undefined,
    'SHOPTET_BASE_URL',
  )
  const xtrakit =
    xtrakitMock === undefined ? createXtrakit() : createXtrakit({ apiKey: 'mock-key', baseUrl: xtrakitMock })
  const shoptet =
    shoptetMock === undefined
      ? createShoptet()
      : createShoptet({ accessToken: 'mock-token', baseUrl: shoptetMock })

  console.log('\n1. The groups on each provider, and the one to update, found by its name:')
  for (const provider of [xtrakit, shoptet]) {
    const { groups } = await listCustomerGroups({ provider })
    console.log(
      `   ${provider.providerId}: ${groups.map((group) => `${JSON.stringify(group.name)} (${group.id})`).join(', ') || 'no groups'}`,
    )
  }
  // The mocks answer with their spec examples, which hold these names.
  const xtrakitId = await groupId(
    xtrakit,
    env.XTRAKIT_GROUP_ID,
    env.XTRAKIT_GROUP_NAME ?? 'Premium Customers',
  )
  const shoptetId = await groupId(
    shoptet,
    env.SHOPTET_GROUP_ID,
    env.SHOPTET_GROUP_NAME ?? 'Wholesale partners',
  )
  if (xtrakitId === undefined || shoptetId === undefined) {
    console.log(
      '   Not updating: set XTRAKIT_GROUP_NAME / SHOPTET_GROUP_NAME (or *_GROUP_ID) to a group you have.',
    )
  } else {
    await updateEverywhere({
      xtrakit: { provider: xtrakit, id: xtrakitId },
      shoptet: { provider: shoptet, id: shoptetId },
    })
  }

  // Sync writes wherever it points: the demo always points it at mocks that remember, never at a real
  // shop. The mocks above are reused where there are some: another token there is another shop.
  const statefulMock = async (provider: 'xtrakit' | 'shoptet') => {
    const known = statefulMocks[provider]
    if (known !== undefined) return known
    const started = (await startMockServer({ provider, stateful: true })) as StatefulMockServer
    mocks.push(started)
    return started
  }
  const [xtrakitShop, shoptetShop] = await Promise.all([statefulMock('xtrakit'), statefulMock('shoptet')])
  const writesBefore = [xtrakitShop, shoptetShop].reduce(
    (count, mock) => count + mock.requests.filter((request) => request.method !== 'GET').length,
    0,
  )
  console.log(
    `\nSync, against stateful mocks (groups kept in memory, Prism checking every call against the spec): xtrakit ${xtrakitShop.url}, shoptet ${shoptetShop.url}`,
  )
  const writes = () =>
    [xtrakitShop, shoptetShop].reduce(
      (count, mock) => count + mock.requests.filter((request) => request.method !== 'GET').length,
      0,
    ) - writesBefore
  await syncEverywhere(
    {
      xtrakit: createXtrakit({ apiKey: 'demo-sync', baseUrl: xtrakitShop.url }),
      shoptet: createShoptet({ accessToken: 'demo-sync', baseUrl: shoptetShop.url }),
    },
    writes,
  )
}

async function stopMocks(): Promise<void> {
  await Promise.all(mocks.splice(0).map((mock) => mock.close()))
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void stopMocks().then(() => process.exit(130))
  })
}

try {
  await main()
  console.log('\nDone.')
} catch (error) {
  console.error(`\nFailed: ${error instanceof Error ? error.message : String(error)}`)
  process.exitCode = 1
} finally {
  await stopMocks()
}
