import { threadsConfig } from '../../vitest.shared.js'

export default threadsConfig({
  // In-process tests with fetch doubles and loopback servers; some wait out real timeouts and
  // backoffs of tens of milliseconds. Milliseconds on a quiet machine; the limit is for a busy one.
  testTimeout: 20_000,
  hookTimeout: 20_000,
})
