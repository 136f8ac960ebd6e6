import { defineConfig } from 'vitest/config'

// Test files here share one module cache in worker threads (no isolation, no forked processes):
// they keep no global state between them, and starting a fresh process per file doubled the CPU time.
export default defineConfig({
  test: {
    pool: 'threads',
    isolate: false,
    // Prism is started (or shared by `pnpm test`) and has answered once before any test runs.
    globalSetup: ['./vitest.global-setup.ts'],
    // Each contract test makes a few requests to Prism: tens of milliseconds each on a quiet machine,
    // seconds when both cores are busy with other suites.
    testTimeout: 30_000,
  },
})
