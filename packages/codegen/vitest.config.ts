import { defineConfig } from 'vitest/config'

// Test files here share one module cache in worker threads (no isolation, no forked processes):
// they keep no global state between them, and starting a fresh process per file doubled the CPU time.
export default defineConfig({
  // Runs openapi-typescript and the generators on the specs: about a second each on a quiet machine.
  test: { pool: 'threads', isolate: false, testTimeout: 30_000 },
})
