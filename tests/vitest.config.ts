import { defineConfig } from 'vitest/config'

// Test files here share one module cache in worker threads (no isolation, no forked processes):
// they keep no global state between them, and starting a fresh process per file doubled the CPU time.
export default defineConfig({
  test: {
    pool: 'threads',
    isolate: false,
    globalSetup: ['./vitest.global-setup.ts'],
    setupFiles: ['./vitest.setup.ts'],
    // A test sends a handful of requests to a loopback fault server or Prism, or runs one short Node
    // process: well under a second on a quiet machine, seconds when both cores are busy.
    testTimeout: 30_000,
  },
})
