import { defineConfig } from 'vitest/config'

export default defineConfig({
  // Each test starts real Prism processes; on a busy 2-core machine that takes seconds. Files run one
  // after another, so that the stateful mock's Prism does not slow the start-up tests' own past their limit.
  // A test that starts Prism needs more time than one Prism start may take (30 s by default).
  test: { testTimeout: 60_000, fileParallelism: false },
})
