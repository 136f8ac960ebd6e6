import { expect } from 'vitest'

const anyName = expect.any(String)

/**
 * What the smoke program must see on every runtime. Values that come from
 * the specs' examples are only typed here; the runtimes' reports must also
 * equal Node 20's, value for value.
 */
export const expectedReport = {
  'xtrakit.listCustomerGroups': { status: 200, groups: true },
  'xtrakit.getCustomerGroup': { status: 200, name: anyName },
  'xtrakit.createCustomerGroup': { status: expect.toBeOneOf([200, 201]), name: anyName },
  'xtrakit.updateCustomerGroup': { status: 200, name: anyName },
  'shoptet.listCustomerGroups': { status: 200, names: expect.arrayContaining([anyName]) },
  'shoptet.createCustomerGroup': { status: 201, groups: expect.any(Number) },
  'shoptet.updateCustomerGroup': { status: 200, groups: expect.any(Number), errors: null },
  'shoptet.deleteCustomerGroup': { status: 200 },
  'error.404': { name: 'NotFoundError', status: 404, typed: true },
  'error.422': { name: 'UnprocessableEntityError', status: 422, typed: true },
  'error.429': { name: 'RateLimitError', status: 429, typed: true },
  'retry.retryAfter': { status: 200, attempts: 2, name: 'VIP' },
  timeout: { name: 'APIConnectionTimeoutError', typed: true },
  abort: { name: 'APIUserAbortError', typed: true },
  'facade.xtrakit': {
    status: 200,
    group: expect.objectContaining({ id: '1', name: anyName, provider: 'xtrakit' }),
    warnings: [],
  },
  'facade.shoptet': { group: { id: '7', name: 'Wholesale partners', provider: 'shoptet' }, warnings: [] },
  'facade.everywhere': [
    { ok: true, provider: 'xtrakit' },
    { ok: true, provider: 'shoptet' },
  ],
}
