import { fileURLToPath } from 'node:url'
import { mergeConfig } from 'vitest/config'
import { threadsConfig } from '../../vitest.shared.js'

export default mergeConfig(
  threadsConfig({
    // Runs openapi-typescript and the generators on the specs: about a second each on a quiet machine.
    testTimeout: 30_000,
  }),
  {
    // The runtime's sources, as the generator reads them: the generated checks a test imports get their
    // helpers from the same modules as the test, and nothing needs building first. (A dependency on the
    // runtime package would close a circle: the runtime is tested with helpers built on the providers.)
    resolve: {
      alias: {
        '@customer-groups/runtime': fileURLToPath(new URL('../runtime/src/index.ts', import.meta.url)),
      },
    },
  },
)
