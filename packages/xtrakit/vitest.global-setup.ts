import { provideMockServers } from '@customer-groups/testing/vitest'

// The spec this package ships is the one its contract tests run against.
export default provideMockServers({ xtrakit: './openapi.yaml' })
