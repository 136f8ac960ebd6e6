import { inject } from 'vitest'
import { reuseOrStartMockServers } from './shared-mock-servers.js'

/** What a test gets from `inject('mockServers')`: provider name → base URL. */
export type MockServerUrls = Record<string, string>

declare module 'vitest' {
  export interface ProvidedContext {
    mockServers: MockServerUrls
    /** The stateful mocks' URLs, from `provideMockServers(specs, { stateful: true })`. */
    statefulMockServers: MockServerUrls
  }
}

/** The part of Vitest's `TestProject` the setup uses. */
export interface ProvidingProject {
  provide(key: 'mockServers' | 'statefulMockServers', value: MockServerUrls): void
}

/**
 * Builds a Vitest `globalSetup`: one Prism mock per spec for the whole run,
 * their URLs handed to every test file through `inject('mockServers')`.
 *
 * With `stateful: true` the mocks remember (see `startMockServer`) and their
 * URLs come through `inject('statefulMockServers')` instead; each test that
 * uses its own credential gets a shop of its own.
 *
 * Plain mocks that a runner started for the whole run are reused (see
 * `reuseOrStartMockServers`), so that many test processes share one Prism per spec.
 *
 * ```ts
 * // vitest.global-setup.ts
 * export default provideMockServers({ xtrakit: 'xtrakit' })
 * ```
 */
export function provideMockServers(
  specs: Record<string, string>,
  options: { errors?: boolean; stateful?: boolean; startTimeoutMs?: number } = {},
) {
  return async function setup(project: ProvidingProject): Promise<() => Promise<void>> {
    const stateful = options.stateful === true
    const mocks = await reuseOrStartMockServers(
      Object.fromEntries(
        Object.entries(specs).map(([name, provider]) => [
          name,
          {
            provider,
            errors: options.errors ?? true,
            // Once per run, while every package's tests start at once: a busy machine must not fail it.
            startTimeoutMs: options.startTimeoutMs ?? 120_000,
            ...(stateful && { stateful }),
          },
        ]),
      ),
    )
    project.provide(
      stateful ? 'statefulMockServers' : 'mockServers',
      Object.fromEntries(Object.entries(mocks.servers).map(([name, server]) => [name, server.url])),
    )
    return mocks.close
  }
}

/**
 * The mocks' URLs in a test file, typed wherever the file is: `inject('mockServers')`
 * is typed only when this module is part of the TypeScript program (the
 * setup file in the tsconfig); this function carries its type with it.
 */
export function mockServerUrls(): MockServerUrls {
  return inject('mockServers')
}
