import { provideMockServers } from '@customer-groups/testing/vitest'

export default provideMockServers({
  xtrakit: '../packages/xtrakit/openapi.yaml',
  shoptet: '../packages/shoptet/openapi.yaml',
})
