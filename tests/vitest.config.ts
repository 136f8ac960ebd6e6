import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: { globalSetup: ['./vitest.global-setup.ts'], setupFiles: ['./vitest.setup.ts'], testTimeout: 30_000 },
})
