import { defineConfig } from 'vitest/config'

// Test files here share one module cache in worker threads (no isolation, no forked processes):
// they keep no global state between them, and starting a fresh process per file doubled the CPU time.
export default defineConfig({
  // Parses the specs and compiles every schema and example with Ajv: well under a second each.
  test: { pool: 'threads', isolate: false, testTimeout: 20_000 },
})
