import { threadsConfig } from '../vitest.shared.js'

export default threadsConfig({
  // Only the bench's statistics helpers are tested, in memory; the bench itself never runs in tests.
  testTimeout: 10_000,
})
