import { readFileSync } from 'node:fs'
import { describe, expect, inject, it } from 'vitest'
import { parse } from 'yaml'
import { createShoptet, InvalidArgumentError, type ShoptetSettings } from './index.js'

// The mock runs from the spec this package ships; its examples are what the mock answers.
const spec = parse(readFileSync(new URL('../openapi.yaml', import.meta.url), 'utf8'))
const operation = spec.paths['/api/customers/groups/{id}'].patch
const examples = (status: string) => operation.responses[status].content['application/json'].examples
const sampleInput = operation.requestBody.content['application/json'].examples.renameWithDiscount.value.data
const baseUrl = inject('mockServers').shoptet as string

function client(settings: ShoptetSettings = {}) {
  const seen: { url: string; headers: Headers; violations: string | null }[] = []
  const instance = createShoptet({
    accessToken: 'test-token',
    baseUrl,
    maxRetries: 0,
    fetch: async (input, init) => {
      const request = new Request(input, init)
      const response = await fetch(request)
      seen.push({
        url: request.url,
        headers: request.headers,
        violations: response.headers.get('sl-violations'),
      })
      return response
    },
    ...settings,
  })
  return { client: instance, seen }
}

function rawPatch(
  path: string,
  body: unknown,
  headers: Record<string, string> = { 'shoptet-access-token': 't' },
) {
  return fetch(`${baseUrl}${path}`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  })
}

describe('shoptet contract (Prism)', () => {
  it('updates a group with language and headers that validate, and gets the example back', async () => {
    const { client: shoptet, seen } = client()
    const body = await shoptet.updateCustomerGroup({ id: 7, ...sampleInput, language: 'cs' })
    expect(body).toEqual(examples('200').updated.value)
    expect(seen).toHaveLength(1)
    expect(new URL(seen[0]?.url ?? '').searchParams.get('language')).toBe('cs')
    expect(seen[0]?.headers.get('content-type')).toBe('application/json')
    expect(seen[0]?.violations).toBeNull()
  })

  it('returns the non-fatal errors of a successful update', async () => {
    const { client: shoptet, seen } = client({ headers: { Prefer: 'example=updatedWithWarning' } })
    const body = await shoptet.updateCustomerGroup({ id: 7, name: 'Wholesale partners' })
    expect(body.errors).toEqual(examples('200').updatedWithWarning.value.errors)
    expect(seen[0]?.violations).toBeNull()
  })

  // Every documented status of every operation is tried in tests/src/contract.test.ts, against every provider.

  it('a list and a delete carry Content-Type, which the spec requires of every operation', async () => {
    const raw = (method: string, path: string, headers: Record<string, string>) =>
      fetch(`${baseUrl}${path}`, { method, headers: { 'shoptet-access-token': 't', ...headers } })
    // The requirement is live: Prism refuses both without the header, and takes them with it.
    expect((await raw('GET', '/api/customers/groups', {})).status).toBe(422)
    expect((await raw('DELETE', '/api/customers/groups/7', {})).status).toBe(422)
    const json = { 'content-type': 'application/json' }
    expect((await raw('GET', '/api/customers/groups', json)).status).toBe(200)
    expect((await raw('DELETE', '/api/customers/groups/7', json)).status).toBe(200)
    const { client: shoptet, seen } = client()
    await shoptet.listCustomerGroups()
    await shoptet.deleteCustomerGroup({ id: 7 })
    expect(seen.map((request) => request.headers.get('content-type'))).toEqual([
      'application/json',
      'application/json',
    ])
    expect(seen.map((request) => request.violations)).toEqual([null, null])
  })

  const invalid: [string, unknown, Record<string, unknown>][] = [
    ['defaultDueDays 400', 7, { defaultDueDays: 400 }],
    ["maxDiscount '1.5'", 7, { maxDiscount: '1.5' }],
    ["maxDiscount '0.55' (four decimals are required)", 7, { maxDiscount: '0.55' }],
    ['a name over 255 characters', 7, { name: 'x'.repeat(256) }],
    ['an empty data', 7, {}],
    ['an unknown field', 7, { nmae: 'typo' }],
    ['id 0', 0, { name: 'x' }],
    ['a non-integer id', 'abc', { name: 'x' }],
  ]
  it.each(invalid)('client and Prism both reject %s', async (_, id, input) => {
    const raw = await rawPatch(`/api/customers/groups/${String(id)}`, { data: input })
    expect(raw.status).toBe(422)
    const { client: shoptet, seen } = client()
    await expect(
      shoptet.updateCustomerGroup({ ...(input as object), id: id as number } as never),
    ).rejects.toBeInstanceOf(InvalidArgumentError)
    expect(seen).toEqual([])
  })

  it("client and Prism both accept a negative default order status, as in Shoptet's own examples", async () => {
    const raw = await rawPatch('/api/customers/groups/7', { data: { defaultOrderStatusId: -2 } })
    expect(raw.status).toBe(200)
    const { client: shoptet, seen } = client()
    await shoptet.updateCustomerGroup({ id: 7, defaultOrderStatusId: -2 })
    expect(seen[0]?.violations).toBeNull()
  })

  it('client and Prism both reject a creation without a name, and a deletion of id 0', async () => {
    const created = await fetch(`${baseUrl}/api/customers/groups`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'shoptet-access-token': 't' },
      body: JSON.stringify({ data: { description: 'x' } }),
    })
    expect(created.status).toBe(422)
    const removed = await fetch(`${baseUrl}/api/customers/groups/0`, {
      method: 'DELETE',
      headers: { 'content-type': 'application/json', 'shoptet-access-token': 't' },
    })
    expect(removed.status).toBe(422)
    const { client: shoptet, seen } = client()
    await expect(shoptet.createCustomerGroup({ description: 'x' } as never)).rejects.toBeInstanceOf(
      InvalidArgumentError,
    )
    await expect(shoptet.deleteCustomerGroup({ id: 0 })).rejects.toBeInstanceOf(InvalidArgumentError)
    expect(seen).toEqual([])
  })

  it('client and Prism both refuse a request without a token', async () => {
    const raw = await rawPatch('/api/customers/groups/7', { data: {} }, {})
    expect(raw.status).toBe(401)
    const saved = { ...process.env }
    delete process.env.SHOPTET_ACCESS_TOKEN
    delete process.env.SHOPTET_PRIVATE_API_TOKEN
    try {
      await expect(
        createShoptet({ baseUrl }).updateCustomerGroup({ id: 7, name: 'x' }),
      ).rejects.toBeInstanceOf(InvalidArgumentError)
    } finally {
      Object.assign(process.env, saved)
    }
  })
})
