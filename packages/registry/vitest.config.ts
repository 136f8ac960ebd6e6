import { threadsConfig } from '../../vitest.shared.js'

export default threadsConfig({
  // Reads the registry and the specs' text: milliseconds; the limit is for a very busy machine.
  testTimeout: 10_000,
})
