import { readFileSync } from 'node:fs'
import { mockServerUrls } from '@customer-groups/testing/vitest'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { createXtrakit, InvalidArgumentError, type XtrakitSettings } from './index.js'

// The mock runs from the spec this package ships; its examples are what the mock answers.
const spec = parse(readFileSync(new URL('../openapi.yaml', import.meta.url), 'utf8'))
const examples = (status: string) =>
  spec.paths['/customer-groups/{id}'].put.responses[status].content['application/json'].examples
const sampleInput =
  spec.paths['/customer-groups/{id}'].put.requestBody.content['application/json'].examples.premiumCustomers
    .value
const baseUrl = mockServerUrls().xtrakit as string

/** Records each response's Prism violations header while passing everything through. */
function client(settings: XtrakitSettings = {}) {
  const violations: (string | null)[] = []
  const instance = createXtrakit({
    apiKey: 'test-key',
    baseUrl,
    maxRetries: 0,
    fetch: async (input, init) => {
      const response = await fetch(input, init)
      violations.push(response.headers.get('sl-violations'))
      return response
    },
    ...settings,
  })
  return { client: instance, violations }
}

describe('xtrakit contract (Prism)', () => {
  it("updates a group with the docs' sample input and gets the spec's example back, with no violations", async () => {
    const { client: xtrakit, violations } = client()
    const body = await xtrakit.updateCustomerGroup({ ...sampleInput, id: '1' })
    expect(body).toEqual(examples('200').success.value)
    expect(violations).toEqual([null])
  })

  it('lists with every filter the spec defines, and Prism sees no violation', async () => {
    const { client: xtrakit, violations } = client()
    const body = await xtrakit.listCustomerGroups({
      business_code: '402871',
      created_at: '2024-08-01 0:0:0',
      updated_at: '2024-08-31',
    })
    expect(Array.isArray(body.data.groups)).toBe(true)
    expect(violations).toEqual([null])
  })

  it.each([
    ['a business code with letters', { business_code: '12a' }],
    ['a date that is not YYYY-MM-DD', { updated_at: '31.08.2024' }],
  ])('client and Prism both reject a list filter with %s', async (_, query) => {
    const raw = await fetch(`${baseUrl}/customer-groups?${new URLSearchParams(query)}`, {
      headers: { authorization: 'Bearer test-key' },
    })
    expect(raw.status).toBe(422)
    const { client: xtrakit, violations } = client()
    await expect(xtrakit.listCustomerGroups(query)).rejects.toBeInstanceOf(InvalidArgumentError)
    expect(violations).toEqual([])
  })

  // Every documented status of every operation is tried in tests/src/contract.test.ts, against every provider.

  const invalid: [string, Record<string, unknown>][] = [
    ['missing group_name', { group_description: 'x' }],
    ['unknown field', { group_name: 'VIP', colour: 'red' }],
    ['wrong type', { group_name: 42 }],
  ]
  it.each(invalid)('client and Prism both reject a body with %s', async (_, body) => {
    const raw = await fetch(`${baseUrl}/customer-groups/1`, {
      method: 'PUT',
      headers: { authorization: 'Bearer test-key', 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })
    expect(raw.status).toBe(422)
    const { client: xtrakit, violations } = client()
    await expect(
      xtrakit.updateCustomerGroup({ ...(body as object), id: '1' } as never),
    ).rejects.toBeInstanceOf(InvalidArgumentError)
    expect(violations).toEqual([])
  })

  it('client and Prism both refuse a request without credentials', async () => {
    const raw = await fetch(`${baseUrl}/customer-groups/1`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(sampleInput),
    })
    expect(raw.status).toBe(401)
    const previous = process.env.XTRAKIT_API_KEY
    delete process.env.XTRAKIT_API_KEY
    try {
      await expect(
        createXtrakit({ baseUrl }).updateCustomerGroup({ ...sampleInput, id: '1' }),
      ).rejects.toThrow(/XTRAKIT_API_KEY/)
    } finally {
      if (previous !== undefined) process.env.XTRAKIT_API_KEY = previous
    }
  })
})
