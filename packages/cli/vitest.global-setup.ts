import { provideMockServers } from '@customer-groups/testing/vitest'

export default provideMockServers({ xtrakit: '../xtrakit/openapi.yaml', shoptet: '../shoptet/openapi.yaml' })
