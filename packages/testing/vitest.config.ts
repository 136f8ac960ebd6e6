import { defineConfig } from 'vitest/config'

export default defineConfig({
  // Each test starts real Prism processes; on a busy 2-core machine that takes seconds. Files run one
  // after another, so that the stateful mock's Prism does not slow the start-up tests' own past their limit.
  // A test starts up to four Prism processes at once, each given 120 s to start (see the tests), and
  // then makes a few requests: seconds on a quiet machine, the limit for one whose cores are busy.
  test: { testTimeout: 180_000, hookTimeout: 180_000, fileParallelism: false },
})
