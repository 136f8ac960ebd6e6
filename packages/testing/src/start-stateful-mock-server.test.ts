import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startMockServer } from './start-mock-server.js'
import type { StatefulMockServer } from './start-stateful-mock-server.js'
import { type StatefulBackend, startStatefulBackend } from './stateful-backend.js'

const shoptetSpec = new URL('../../../specs/shoptet.openapi.yaml', import.meta.url).pathname
const xtrakitSpec = new URL('../../../specs/xtrakit.openapi.yaml', import.meta.url).pathname

async function call(
  mock: { url: string },
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: unknown,
) {
  const response = await fetch(`${mock.url}${path}`, {
    method,
    // Shoptet's spec requires Content-Type on every request, GET and DELETE included, as the clients send it.
    headers: { 'content-type': 'application/json', ...headers },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  })
  // A spec violation in either direction must never pass unnoticed.
  expect(response.headers.get('sl-violations')).toBeNull()
  return { status: response.status, body: (await response.json()) as Record<string, unknown> }
}

describe('stateful mocks', () => {
  // One Prism process here: the client's contract tests run Xtrakit's stateful flows through Prism too.
  let shoptet: StatefulMockServer
  let xtrakit: StatefulBackend
  beforeAll(async () => {
    ;[shoptet, xtrakit] = await Promise.all([
      startMockServer({ provider: shoptetSpec, stateful: true, startTimeoutMs: 120_000 }),
      startStatefulBackend({ provider: xtrakitSpec }),
    ])
  }) // Prism's start is slow on a busy machine: the hook's limit is in vitest.config.ts.
  afterAll(async () => {
    await Promise.all([shoptet?.close(), xtrakit?.close()])
  })

  it('Shoptet: seeds from the examples, creates, renames and deletes, and keeps shops apart', async () => {
    const token = { 'Shoptet-Access-Token': 'stateful-a' }
    const names = (body: Record<string, unknown>) =>
      ((body.data as { customerGroups: { name: string }[] }).customerGroups ?? []).map((group) => group.name)
    const listed = await call(shoptet, 'GET', '/api/customers/groups', token)
    expect(names(listed.body)).toEqual(['Retail', 'Wholesale partners'])

    const created = await call(shoptet, 'POST', '/api/customers/groups', token, {
      data: { name: 'VIP customers', maxDiscount: '0.2000' },
    })
    expect(created.status).toBe(201)
    expect(names(created.body)).toEqual(['Retail', 'Wholesale partners', 'VIP customers'])
    const duplicate = await call(shoptet, 'POST', '/api/customers/groups', token, {
      data: { name: 'Retail' },
    })
    expect(duplicate.status).toBe(422)

    const renamed = await call(shoptet, 'PATCH', '/api/customers/groups/8', token, { data: { name: 'VIP' } })
    expect(renamed.status).toBe(200)
    expect(names(renamed.body)).toContain('VIP')

    const blocked = await call(shoptet, 'DELETE', '/api/customers/groups/1', token)
    expect(blocked.status).toBe(422)
    expect(blocked.body.errors).toEqual([
      expect.objectContaining({ errorCode: 'customer-group-delete-blocked' }),
    ])
    expect((await call(shoptet, 'DELETE', '/api/customers/groups/8', token)).status).toBe(200)
    expect((await call(shoptet, 'DELETE', '/api/customers/groups/8', token)).status).toBe(404)
    expect(names((await call(shoptet, 'GET', '/api/customers/groups', token)).body)).toEqual([
      'Retail',
      'Wholesale partners',
    ])
    // Another credential is another shop, as the examples left it.
    const other = await call(shoptet, 'GET', '/api/customers/groups', {
      'Shoptet-Access-Token': 'stateful-b',
    })
    expect(names(other.body)).toEqual(['Retail', 'Wholesale partners'])
    expect(shoptet.groups('stateful-a').map((group) => group.name)).toEqual(['Retail', 'Wholesale partners'])
  })

  it('Xtrakit (the in-memory server alone): adds, fetches and replaces groups in its envelopes; names may repeat', async () => {
    const unauthenticated = await fetch(`${xtrakit.url}/customer-groups`)
    expect(unauthenticated.status).toBe(401)
    expect(await unauthenticated.json()).toEqual({ status: 401, error: 'Unauthorized: Missing Bearer Token' })
    const key = { authorization: 'Bearer stateful-x' }
    const added = await call(xtrakit, 'POST', '/customer-groups/add', key, { group_name: 'Trade Buyers' })
    expect(added.status).toBe(200)
    expect(added.body).toMatchObject({ status: 200, data: { group: { id: 3, group_name: 'Trade Buyers' } } })
    const replaced = await call(xtrakit, 'PUT', '/customer-groups/1', key, { group_name: 'Premium' })
    expect(replaced.body).toMatchObject({
      data: { group: { group_name: 'Premium', group_description: null } },
    })
    const fetched = await call(xtrakit, 'GET', '/customer-groups/1', key)
    expect(fetched.body).toMatchObject({ data: { group: { id: 1, group_name: 'Premium' } } })
    const listed = await call(xtrakit, 'GET', '/customer-groups', key)
    expect(
      (listed.body.data as { groups: { group_name: string }[] }).groups.map((group) => group.group_name),
    ).toEqual(['Premium', 'Trade Buyers', 'Trade Buyers'])
    expect((await call(xtrakit, 'GET', '/customer-groups/99', key)).status).toBe(404)
  })

  it('lets Prism refuse what breaks the spec before the groups change, and records what got through', async () => {
    const before = shoptet.requests.length
    const token = { 'Shoptet-Access-Token': 'stateful-c' }
    const refused = await call(shoptet, 'POST', '/api/customers/groups', token, { data: { nme: 'typo' } })
    expect(refused.status).toBe(422)
    const unauthenticated = await fetch(`${shoptet.url}/api/customers/groups`)
    expect(unauthenticated.status).toBe(401)
    expect(shoptet.requests.length).toBe(before)
    await call(shoptet, 'GET', '/api/customers/groups', token)
    expect(shoptet.requests.slice(before)).toEqual([
      {
        method: 'GET',
        url: '/api/customers/groups',
        status: 200,
        shop: expect.stringMatching(/^[0-9a-f]{12}$/),
      },
    ])
  })
})
