import { defineConfig } from 'vitest/config'

// Test files here share one module cache in worker threads (no isolation, no forked processes):
// they keep no global state between them, and starting a fresh process per file doubled the CPU time.
export default defineConfig({
  // In-process tests with fetch doubles and loopback servers; some wait out real timeouts and
  // backoffs of tens of milliseconds. Milliseconds on a quiet machine; the limit is for a busy one.
  test: { pool: 'threads', isolate: false, testTimeout: 20_000, hookTimeout: 20_000 },
})
