import { threadsConfig } from '../vitest.shared.js'

export default threadsConfig({
  globalSetup: ['./vitest.global-setup.ts'],
  setupFiles: ['./vitest.setup.ts'],
  // A test sends a handful of requests to a loopback fault server or Prism, or runs one short Node
  // process: well under a second on a quiet machine, seconds when both cores are busy.
  testTimeout: 30_000,
})
