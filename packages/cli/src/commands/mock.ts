import { createRequire } from 'node:module'
import { installCommand, isMissingPackage } from '../install-hint.js'
import type { Output } from '../output.js'
import { baseUrlVariableOf, isProviderName, type ProviderName, providerNames } from '../providers.js'
import { InputError, UsageError } from '../usage-error.js'

const testingPackage = '@customer-groups/testing'

/** Reads `PROVIDER[:PORT]` arguments; none means every provider on a free port. */
export function parseMockTargets(args: string[]): { provider: ProviderName; port?: number }[] {
  if (args.length === 0) return providerNames.map((provider) => ({ provider }))
  const seen = new Set<string>()
  return args.map((argument) => {
    const match = /^([a-z]+)(?::(\d{1,5}))?$/.exec(argument)
    const provider = match?.[1]
    if (match === null || !isProviderName(provider))
      throw new UsageError(
        `mock: "${argument}" is not PROVIDER[:PORT] with PROVIDER one of ${providerNames.join(', ')}`,
      )
    const port = match[2] === undefined ? undefined : Number(match[2])
    if (port !== undefined && (port < 1 || port > 65535))
      throw new UsageError(`mock: port ${port} is not from 1 to 65535`)
    if (seen.has(provider)) throw new UsageError(`mock: ${provider} is named twice`)
    seen.add(provider)
    return { provider, ...(port !== undefined && { port }) }
  })
}

/** `customer-groups mock`: Prism mocks of the specs until Ctrl-C. */
export async function mockCommand(args: string[], stateful: boolean, output: Output): Promise<number> {
  const targets = parseMockTargets(args)
  let testing: typeof import('@customer-groups/testing')
  try {
    testing = await import('@customer-groups/testing')
  } catch (error) {
    if (!isMissingPackage(error, testingPackage)) throw error
    throw new InputError(
      `mock needs ${testingPackage}, which is not installed beside this CLI: ${installCommand(testingPackage)}`,
    )
  }
  const require = createRequire(import.meta.url)
  const mocks = await testing.startMockServers(
    Object.fromEntries(
      targets.map(({ provider, port }) => [
        provider,
        {
          provider: require.resolve(`@customer-groups/${provider}/openapi.yaml`),
          ...(port !== undefined && { port }),
          ...(stateful && { stateful }),
        },
      ]),
    ),
  )
  // Listening before saying so: a Ctrl-C right after the message must stop the mocks, not kill the process.
  const stopped = new Promise<void>((resolve) => {
    process.once('SIGINT', resolve)
    process.once('SIGTERM', resolve)
  })
  for (const [provider, server] of Object.entries(mocks.servers) as [ProviderName, { url: string }][]) {
    output.out(`${provider}: ${server.url}   export ${baseUrlVariableOf(provider)}=${server.url}`)
  }
  output.out(
    stateful
      ? 'Any token works; each token is a shop of its own, kept until the mocks stop. Press Ctrl-C to stop.'
      : 'Any token works against the mocks. Press Ctrl-C to stop.',
  )
  await stopped
  await mocks.close()
  return 0
}
