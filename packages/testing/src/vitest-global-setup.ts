import type {} from 'vitest'
import { type MockServer, startMockServer } from './start-mock-server.js'

/** What a test gets from `inject('mockServers')`: provider name → base URL. */
export type MockServerUrls = Record<string, string>

declare module 'vitest' {
  export interface ProvidedContext {
    mockServers: MockServerUrls
  }
}

/** The part of Vitest's `TestProject` the setup uses. */
export interface ProvidingProject {
  provide(key: 'mockServers', value: MockServerUrls): void
}

/**
 * Builds a Vitest `globalSetup`: one Prism mock per spec for the whole run,
 * their URLs handed to every test file through `inject('mockServers')`.
 *
 * ```ts
 * // vitest.global-setup.ts
 * export default provideMockServers({ xtrakit: 'xtrakit' })
 * ```
 */
export function provideMockServers(specs: Record<string, string>, options: { errors?: boolean } = {}) {
  return async function setup(project: ProvidingProject): Promise<() => Promise<void>> {
    const started: MockServer[] = []
    const close = async () => {
      await Promise.all(started.map((server) => server.close()))
    }
    try {
      const urls: MockServerUrls = {}
      await Promise.all(
        Object.entries(specs).map(async ([name, provider]) => {
          const server = await startMockServer({ provider, errors: options.errors ?? true })
          started.push(server)
          urls[name] = server.url
        }),
      )
      project.provide('mockServers', urls)
    } catch (error) {
      await close()
      throw error
    }
    return close
  }
}
