import { threadsConfig } from '../../vitest.shared.js'

export default threadsConfig({
  // The provider's Prism mock is started (or shared by `pnpm test`) and has answered once before any test runs.
  globalSetup: ['./vitest.global-setup.ts'],
  // Each contract test makes a few requests to Prism: tens of milliseconds each on a quiet machine,
  // seconds when both cores are busy with other suites.
  testTimeout: 30_000,
})
