import { threadsConfig } from '../vitest.shared.js'

export default threadsConfig({
  // Parses the specs and compiles every schema and example with Ajv: well under a second each.
  testTimeout: 20_000,
})
