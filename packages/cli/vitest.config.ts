import { threadsConfig } from '../../vitest.shared.js'

export default threadsConfig({
  globalSetup: ['./vitest.global-setup.ts'],
  // End-to-end tests run the built bin as users do, up to about ten times in one test: each run is
  // a tenth of a second of CPU, but several seconds when both cores are busy with other suites.
  testTimeout: 120_000,
  hookTimeout: 120_000,
})
