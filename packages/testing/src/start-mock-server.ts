import type { MockServer, StartMockServerOptions } from './mock-server.js'
import { startPrism } from './prism.js'
import { resolveSpec } from './resolve-spec.js'
import { type StatefulMockServer, startStatefulMockServer } from './start-stateful-mock-server.js'

export type { MockServer, StartMockServerOptions } from './mock-server.js'

/**
 * Starts a Prism mock server from a provider's spec and resolves once it
 * accepts requests. Prism is a Node.js program: it runs on the Node.js that
 * runs this code, or, from Bun or Deno, on the `node` found on PATH;
 * CUSTOMER_GROUPS_NODE names another one.
 */
export async function startMockServer(
  options: StartMockServerOptions & { stateful: true },
): Promise<StatefulMockServer>
export async function startMockServer(options: StartMockServerOptions): Promise<MockServer>
export async function startMockServer(options: StartMockServerOptions): Promise<MockServer> {
  const specPath = resolveSpec(options.provider)
  if (options.stateful === true) {
    // Prism in proxy mode in front of an in-memory server: the spec still judges every exchange.
    return startStatefulMockServer(options, specPath, (upstream) =>
      startPrism(options, specPath, ['proxy', specPath, upstream]),
    )
  }
  return startPrism(options, specPath, ['mock', specPath])
}
