// `pnpm start`: the facade against Prism mocks of our specs, or against the real APIs when credentials are set.
import { createShoptet } from '@customer-groups/shoptet'
import { type MockServer, startMockServer } from '@customer-groups/testing'
import { createXtrakit } from '@customer-groups/xtrakit'
import { updateEverywhere } from './update-everywhere.js'

const env = process.env
const mocks: MockServer[] = []

async function mockUnless(provider: 'xtrakit' | 'shoptet', credentialsSet: boolean, baseUrlVariable: string) {
  if (credentialsSet) {
    console.log(
      `${provider}: real API at ${env[baseUrlVariable] ?? 'the spec default URL'} (credentials from the environment)`,
    )
    return undefined
  }
  const mock = await startMockServer({ provider })
  mocks.push(mock)
  console.log(
    `${provider}: Prism mock of our spec at ${mock.url} (set credentials in the environment to use the real API)`,
  )
  return mock.url
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
  await updateEverywhere({
    // The mocks answer with their spec examples, which hold these ids.
    xtrakit: { provider: xtrakit, id: env.XTRAKIT_GROUP_ID ?? '1' },
    shoptet: { provider: shoptet, id: env.SHOPTET_GROUP_ID ?? '7' },
  })
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
