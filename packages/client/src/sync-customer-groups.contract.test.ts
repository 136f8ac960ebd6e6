import { createShoptet } from '@customer-groups/shoptet'
import { createXtrakit } from '@customer-groups/xtrakit'
import { describe, expect, inject, it } from 'vitest'
import { planCustomerGroups, syncCustomerGroups } from './index.js'

const urls = inject('statefulMockServers')

/** Clients of fresh shops on the stateful Prism mocks, and every request they send. */
function clients(name: string) {
  const sent: string[] = []
  const fetch = async (input: string | URL | Request, init?: RequestInit) => {
    const response = await globalThis.fetch(input, init)
    // Prism checks both ways: a spec violation would fail the call, and must fail the test too.
    expect(response.headers.get('sl-violations')).toBeNull()
    sent.push(`${init?.method ?? 'GET'} ${new URL(String(input)).pathname} ${response.status}`)
    return response
  }
  return {
    sent,
    xtrakit: createXtrakit({
      apiKey: `contract-${name}`,
      baseUrl: urls.xtrakit as string,
      fetch,
      maxRetries: 0,
    }),
    shoptet: createShoptet({
      accessToken: `contract-${name}`,
      baseUrl: urls.shoptet as string,
      fetch,
      maxRetries: 0,
    }),
  }
}

describe('sync against the stateful Prism mocks', () => {
  it('creates, updates and deletes within the specs, then a second sync sends no write', async () => {
    const { sent, xtrakit, shoptet } = clients('sync')
    const groups = [
      { name: 'Premium Customers', description: 'Spent over $1000' },
      { name: 'VIP customers', description: null, providerOptions: { shoptet: { maxDiscount: '0.2000' } } },
      { name: 'Wholesale partners', providerOptions: { shoptet: { defaultDueDays: 14, language: 'cs' } } },
    ]
    const first = await syncCustomerGroups({ targets: [xtrakit, shoptet], groups, prune: true })
    expect(first.plan.actions.map((action) => `${action.providerId} ${action.type} ${action.name}`)).toEqual([
      'xtrakit update Premium Customers',
      'xtrakit create VIP customers',
      'xtrakit create Wholesale partners',
      'xtrakit extra Trade Buyers',
      'shoptet create Premium Customers',
      'shoptet create VIP customers',
      'shoptet update Wholesale partners',
      'shoptet delete Retail',
    ])
    const failed = first.results.filter((result) => result.status !== 'done')
    // Only the default group's delete is refused: Retail is the mock shop's default group.
    expect(failed.map((result) => `${result.status} ${result.action.type} ${result.action.name}`)).toEqual([
      'failed delete Retail',
    ])
    expect(sent.filter((line) => line.startsWith('DELETE'))).toEqual(['DELETE /api/customers/groups/1 422'])

    sent.length = 0
    const second = await planCustomerGroups({ targets: [xtrakit, shoptet], groups })
    expect(second.changes).toBe(0)
    // The two lists go out at once, in either order.
    expect(sent.sort()).toEqual(['GET /api/customers/groups 200', 'GET /customer-groups 200'])
    const again = await syncCustomerGroups({ targets: [xtrakit, shoptet], groups })
    expect(again.results).toEqual([])
    expect(sent.every((line) => line.startsWith('GET'))).toBe(true)
  })
})
