import { defineConfig } from 'vitest/config'

// Test files here share one module cache in worker threads (no isolation, no forked processes):
// they keep no global state between them, and starting a fresh process per file doubled the CPU time.
export default defineConfig({
  // Only the bench's statistics helpers are tested, in memory; the bench itself never runs in tests.
  test: { pool: 'threads', isolate: false, testTimeout: 10_000 },
})
