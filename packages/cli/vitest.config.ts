import { defineConfig } from 'vitest/config'

export default defineConfig({
  // End-to-end tests run the built bin as users do, up to about ten times in one test: each run is
  // a fifth of a second of CPU, but several seconds when both cores are busy with other suites.
  test: { globalSetup: ['./vitest.global-setup.ts'], testTimeout: 120_000, hookTimeout: 120_000 },
})
