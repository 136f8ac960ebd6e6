import { createRequire } from 'node:module'
import type { Output } from '../output.js'
import { providerNames } from '../providers.js'
import { UsageError } from '../usage-error.js'

/** `customer-groups mock`: Prism mocks of both specs until Ctrl-C, for trying the CLI without accounts. */
export async function mockCommand(output: Output): Promise<number> {
  let testing: typeof import('@customer-groups/testing')
  try {
    testing = await import('@customer-groups/testing')
  } catch {
    throw new UsageError('`mock` needs @customer-groups/testing: npm install @customer-groups/testing')
  }
  const require = createRequire(import.meta.url)
  const mocks = await testing.startMockServers(
    Object.fromEntries(
      providerNames.map((provider) => [
        provider,
        { provider: require.resolve(`@customer-groups/${provider}/openapi.yaml`) },
      ]),
    ),
  )
  for (const [provider, server] of Object.entries(mocks.servers)) {
    output.out(`${provider}: ${server.url}   export ${provider.toUpperCase()}_BASE_URL=${server.url}`)
  }
  output.out('Any token works against the mocks. Press Ctrl-C to stop.')
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve)
    process.once('SIGTERM', resolve)
  })
  await mocks.close()
  return 0
}
