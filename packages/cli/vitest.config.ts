import { defineConfig } from 'vitest/config'

export default defineConfig({
  // End-to-end tests spawn the built bin; each run starts Node and talks to Prism.
  test: { globalSetup: ['./vitest.global-setup.ts'], testTimeout: 30_000 },
})
