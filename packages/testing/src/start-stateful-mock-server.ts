import type { MockServer, StartMockServerOptions } from './mock-server.js'
import { type StatefulBackend, type StatefulRequestRecord, startStatefulBackend } from './stateful-backend.js'

/** A mock that remembers: Prism checks each exchange against the spec; an in-memory server keeps the groups. */
export interface StatefulMockServer extends MockServer {
  readonly stateful: true
  /** The registered provider whose API it models. */
  readonly provider: string
  /** The in-memory server Prism forwards to. Requests sent straight to it skip the spec's checks. */
  readonly backendUrl: string
  /** Every request that passed Prism's checks and reached the in-memory server, in order. */
  readonly requests: readonly StatefulRequestRecord[]
  /** The groups of the shop a credential opens (a bearer token without `Bearer `), in the provider's shape. */
  groups(credential: string): Record<string, unknown>[]
}

/**
 * Starts the in-memory server, then Prism as a proxy in front of it
 * (`prism proxy SPEC UPSTREAM --errors`): a request that breaks the spec is
 * refused by Prism (422, 401) before it reaches the groups, and an answer
 * that breaks it becomes a 500 with an `sl-violations` header, so a test
 * cannot pass on a mock that drifted from the spec.
 */
export async function startStatefulMockServer(
  options: StartMockServerOptions,
  specPath: string,
  startProxy: (upstream: string) => Promise<MockServer>,
): Promise<StatefulMockServer> {
  if (options.errors === false)
    throw new Error('A stateful mock always validates against the spec: leave `errors` on')
  const backend: StatefulBackend = await startStatefulBackend({ provider: options.provider, specPath })
  let prism: MockServer
  try {
    prism = await startProxy(backend.url)
  } catch (error) {
    await backend.close()
    throw error
  }
  return {
    stateful: true,
    provider: backend.provider,
    url: prism.url,
    port: prism.port,
    specPath,
    pid: prism.pid,
    backendUrl: backend.url,
    requests: backend.requests,
    groups: backend.groups,
    async close() {
      await prism.close()
      await backend.close()
    },
  }
}
