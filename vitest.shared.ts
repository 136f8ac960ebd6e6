import { defineConfig, type ViteUserConfig } from 'vitest/config'

type TestSettings = NonNullable<ViteUserConfig['test']>

/**
 * The Vitest settings of a package whose test files share one module cache in worker threads (no
 * isolation, no forked processes): they keep no global state between them, and starting a fresh
 * process per file doubled the CPU time. Each package adds its set-up and its time limit, said
 * beside them.
 */
export function threadsConfig(test: TestSettings): ViteUserConfig {
  return defineConfig({ test: { pool: 'threads', isolate: false, ...test } })
}
