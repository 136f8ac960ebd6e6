import { type MockServer, type StartMockServerOptions, startMockServer } from './start-mock-server.js'

export interface MockServers<Name extends string> {
  readonly servers: Record<Name, MockServer>
  /** Stops every server and waits until each Prism process has exited. */
  close(): Promise<void>
}

/**
 * Starts several mocks at once, all or nothing: if one fails to start, the
 * ones already running are stopped before the error is thrown.
 */
export async function startMockServers<Name extends string>(
  specs: Record<Name, StartMockServerOptions>,
): Promise<MockServers<Name>> {
  const started: MockServer[] = []
  const close = async () => {
    await Promise.all(started.splice(0).map((server) => server.close()))
  }
  const servers = {} as Record<Name, MockServer>
  const outcomes = await Promise.allSettled(
    (Object.entries(specs) as [Name, StartMockServerOptions][]).map(async ([name, options]) => {
      const server = await startMockServer(options)
      started.push(server)
      servers[name] = server
    }),
  )
  const failure = outcomes.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected')
  if (failure !== undefined) {
    await close()
    throw failure.reason
  }
  return { servers, close }
}
