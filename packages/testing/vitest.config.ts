import { defineConfig } from 'vitest/config'

export default defineConfig({
  // Each test starts real Prism processes; on a busy 2-core machine that takes seconds. Files run one
  // after another, so that the stateful mock's Prism does not slow the start-up tests' own past their limit.
  test: { testTimeout: 30_000, fileParallelism: false },
})
