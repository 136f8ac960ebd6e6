import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    // Packs, installs and bundles once, and starts the Prism mocks, for every file.
    globalSetup: ['./src/global-setup.ts'],
    // Each test waits on other processes (runtimes, Prism, Chromium) more than it computes.
    maxWorkers: 3,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
})
