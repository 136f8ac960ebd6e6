import { defineConfig } from 'vitest/config'

// Test files here share one module cache in worker threads (no isolation, no forked processes):
// they keep no global state between them, and starting a fresh process per file doubled the CPU time.
export default defineConfig({
  test: {
    pool: 'threads',
    isolate: false,
    // Plain and stateful Prism mocks are started (or shared by `pnpm test`) and have answered once.
    globalSetup: ['./vitest.global-setup.ts'],
    // A test makes up to a few dozen requests to Prism or to in-process doubles: under a second on a
    // quiet machine, seconds when both cores are busy with other suites.
    testTimeout: 30_000,
  },
})
