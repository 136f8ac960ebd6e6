import { defineConfig } from 'vitest/config'

// Test files here share one module cache in worker threads (no isolation, no forked processes):
// they keep no global state between them, and starting a fresh process per file doubled the CPU time.
export default defineConfig({
  // Reads the registry and the specs' text: milliseconds; the limit is for a very busy machine.
  test: { pool: 'threads', isolate: false, testTimeout: 10_000 },
})
