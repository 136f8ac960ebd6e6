// Imported for its effect: adds Acme to the registry's list of providers, in this process. The test
// suites import it first (`node --import`, Vitest's set-up files); Acme is never published.
import { fileURLToPath } from 'node:url'
import { registerProvider } from '@customer-groups/registry'
import type { ProviderTestKit } from '@customer-groups/runtime'
import { acmeEntry } from './entry.js'

registerProvider({
  entry: acmeEntry,
  load: () => import('./index.js'),
  loadTestKit: async () => ((await import('./testing.js')) as { testKit: ProviderTestKit }).testKit,
  // Beside dist/ (and src/): the spec codegen copies into the package.
  specPath: () => fileURLToPath(new URL('../openapi.yaml', import.meta.url)),
})
