import { defineConfig } from 'vitest/config'

export default defineConfig({
  // Each test starts real Prism processes; on a busy 2-core machine that takes seconds.
  test: { testTimeout: 30_000 },
})
