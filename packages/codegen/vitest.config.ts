import { threadsConfig } from '../../vitest.shared.js'

export default threadsConfig({
  // Runs openapi-typescript and the generators on the specs: about a second each on a quiet machine.
  testTimeout: 30_000,
})
