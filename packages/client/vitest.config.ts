import { threadsConfig } from '../../vitest.shared.js'

export default threadsConfig({
  // Plain and stateful Prism mocks are started (or shared by `pnpm test`) and have answered once.
  globalSetup: ['./vitest.global-setup.ts'],
  // A test makes up to a few dozen requests to Prism or to in-process doubles: under a second on a
  // quiet machine, seconds when both cores are busy with other suites.
  testTimeout: 30_000,
})
