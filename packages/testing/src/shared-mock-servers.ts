import { createHash } from 'node:crypto'
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { resolveSpec } from './resolve-spec.js'
import type { MockServer, StartMockServerOptions } from './start-mock-server.js'
import { type MockServers, startMockServers } from './start-mock-servers.js'

/**
 * Names a file listing mocks that a test runner started once for a whole run of
 * many test processes (`pnpm test` in this repository does), so that each
 * process does not start its own Prism for the same spec.
 */
export const sharedMockServersVariable = 'CUSTOMER_GROUPS_SHARED_MOCKS'

/** The file's content: each spec's SHA-256 to the URL of a plain (not stateful) mock validating requests. */
export interface SharedMockServerList {
  readonly servers?: Record<string, string>
  /** Set instead when the runner could not start them: every process then starts its own. */
  readonly error?: string
}

/** A spec's identity: two copies of the same text are served by one mock. */
export function specDigest(specPath: string): string {
  return createHash('sha256').update(readFileSync(specPath)).digest('hex')
}

/** Writes the list for the processes to come; written whole (renamed into place), so no reader sees half of it. */
export function publishSharedMockServers(file: string, list: SharedMockServerList): void {
  writeFileSync(`${file}.partial`, JSON.stringify(list))
  renameSync(`${file}.partial`, file)
}

/**
 * Waits for the list the variable names, for as long as the runner may take to start
 * the mocks on a busy machine; `undefined` when no runner shares mocks, or it failed to.
 */
async function sharedList(timeoutMs: number): Promise<Record<string, string> | undefined> {
  const file = process.env[sharedMockServersVariable]
  if (file === undefined || file === '') return undefined
  const deadline = performance.now() + timeoutMs
  while (!existsSync(file)) {
    if (performance.now() > deadline) return undefined
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  const list = JSON.parse(readFileSync(file, 'utf8')) as SharedMockServerList
  return list.servers
}

/** Only a plain mock that validates, on any port and host, can stand in for one asked for. */
function shareable(options: StartMockServerOptions): boolean {
  return (
    options.stateful !== true &&
    options.errors !== false &&
    options.port === undefined &&
    options.host === undefined
  )
}

/**
 * Like `startMockServers`, but a spec that the run's shared mocks already serve
 * (see `sharedMockServersVariable`) gets that mock instead of a new Prism; its
 * `close()` leaves it running for the other processes. The others are started.
 */
export async function reuseOrStartMockServers<Name extends string>(
  specs: Record<Name, StartMockServerOptions>,
  options: { waitMs?: number } = {},
): Promise<MockServers<Name>> {
  const entries = Object.entries(specs) as [Name, StartMockServerOptions][]
  const shared = entries.some(([, spec]) => shareable(spec))
    ? await sharedList(options.waitMs ?? 120_000)
    : undefined
  const reused = {} as Record<Name, MockServer>
  const toStart = {} as Record<Name, StartMockServerOptions>
  for (const [name, spec] of entries) {
    const specPath = resolveSpec(spec.provider)
    const url = shareable(spec) ? shared?.[specDigest(specPath)] : undefined
    if (url === undefined) toStart[name] = spec
    else
      reused[name] = { url, port: Number(new URL(url).port), specPath, pid: undefined, close: async () => {} }
  }
  const started = await startMockServers(toStart)
  return { servers: { ...reused, ...started.servers }, close: started.close }
}
