import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createShoptet } from '@customer-groups/shoptet'
import { shoptetCustomerGroup } from '@customer-groups/shoptet/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { InvalidResponseError, planCustomerGroups, syncCustomerGroups } from './index.js'

// A server whose list is odd but valid by the spec, and desired groups from a parsed file: the plan
// must never write to a group it did not mean, nor take a key of the file for something else.

let listed: unknown[] = []
const sent: string[] = []
let server: Server
let url = ''
beforeAll(async () => {
  server = createServer((request, response) => {
    sent.push(`${request.method} ${request.url}`)
    response.setHeader('content-type', 'application/json')
    const answer = (data: unknown) =>
      response.end(JSON.stringify({ data, errors: null, metadata: { requestId: 'r' } }))
    request.resume().on('end', () => answer(request.method === 'GET' ? { customerGroups: listed } : null))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

const shop = () => createShoptet({ accessToken: 'hostile-list', baseUrl: url, maxRetries: 0 })
const group = (id: number, name: string) => shoptetCustomerGroup({ id, name, customerGroupCode: `c${id}` })

describe('a list that repeats an id', () => {
  it('fails the target, so a prune cannot delete the id of the group it kept', async () => {
    listed = [group(1, 'Retail'), group(1, 'Old junk')]
    sent.length = 0
    const result = await syncCustomerGroups({ targets: [shop()], groups: [{ name: 'Retail' }], prune: true })
    expect(sent).toEqual(['GET /api/customers/groups'])
    expect(result.plan.failedTargets).toBe(1)
    const [target] = result.plan.targets
    if (target?.ok !== false) throw new Error('the target was planned')
    expect(InvalidResponseError.isInstance(target.error)).toBe(true)
    expect(target.error.message).toContain('names the same id twice (1)')
  })
})

describe('providerOptions from a parsed file', () => {
  it('keeps a "__proto__" key a key: it is no provider, warned about, and never applied', async () => {
    listed = [group(1, 'Retail')]
    const providerOptions = JSON.parse('{"__proto__": {"shoptet": {"maxDiscount": "0.9000"}}}')
    const plan = await planCustomerGroups({
      targets: [shop()],
      groups: [{ name: 'Retail', providerOptions }],
    })
    expect(plan.actions.map((action) => `${action.type} ${action.name}`)).toEqual(['unchanged Retail'])
    expect(plan.actions[0]?.warnings.map((warning) => warning.field)).toEqual([
      'providerOptions.__proto__.shoptet',
    ])
  })
})

describe('names that Unicode writes in more than one way', () => {
  const cafe = { composed: 'Caf\u00e9', decomposed: 'Cafe\u0301' }

  it('match exactly when only the encoding differs, with no rename and nothing to prune', async () => {
    listed = [group(1, 'Retail'), group(2, cafe.decomposed)]
    const plan = await planCustomerGroups({
      targets: [shop()],
      groups: [{ name: 'Retail' }, { name: cafe.composed }],
      prune: true,
    })
    expect(plan.actions.map((action) => `${action.type} ${'id' in action ? action.id : '-'}`)).toEqual([
      'unchanged 1',
      'unchanged 2',
    ])
  })

  it('match when case and compatibility forms differ too, with ignore-case-and-whitespace', async () => {
    listed = [group(2, `  ${cafe.decomposed}  ＶＩＰ `)]
    const plan = await planCustomerGroups({
      targets: [shop()],
      groups: [{ name: `CAF\u00c9 vip` }],
      prune: true,
      matchNames: 'ignore-case-and-whitespace',
    })
    expect(plan.actions.map((action) => `${action.type} ${'id' in action ? action.id : '-'}`)).toEqual([
      'update 2',
    ])
  })

  it('are one name twice when a file spells both ways', async () => {
    listed = []
    await expect(
      planCustomerGroups({ targets: [shop()], groups: [{ name: cafe.composed }, { name: cafe.decomposed }] }),
    ).rejects.toThrow(/groups\[1\]\.name.*also the name of groups\[0\]/)
  })
})

describe('near-duplicate names under prune', () => {
  const deletes = (plan: Awaited<ReturnType<typeof planCustomerGroups>>) =>
    plan.actions.flatMap((action) =>
      action.type === 'delete'
        ? [{ name: action.name, nearMatch: action.nearMatch, warned: action.warnings.length > 0 }]
        : [],
    )

  it('warn on a delete of a group whose name differs from a desired one only in case, spaces or invisible characters', async () => {
    listed = [
      group(1, 'Retail'),
      group(2, 'VIP '),
      group(3, 'wholesale'),
      group(4, 'VIP\u200b'),
      group(5, 'Old'),
    ]
    const plan = await planCustomerGroups({
      targets: [shop()],
      groups: [{ name: 'Retail' }, { name: 'VIP' }, { name: 'Wholesale' }],
      prune: true,
    })
    expect(deletes(plan)).toEqual([
      { name: 'VIP ', nearMatch: 'VIP', warned: true },
      { name: 'wholesale', nearMatch: 'Wholesale', warned: true },
      { name: 'VIP\u200b', nearMatch: 'VIP', warned: true },
      { name: 'Old', nearMatch: undefined, warned: false },
    ])
    const warning = plan.actions.find((action) => action.name === 'wholesale')?.warnings[0]
    expect(warning?.message).toContain('nearly matches the desired "Wholesale"')
  })

  it('warn with lenient matching too, where an invisible character still makes another name', async () => {
    listed = [group(1, 'VIP'), group(2, 'VIP\u200b'), group(3, 'ﬁne')]
    const plan = await planCustomerGroups({
      targets: [shop()],
      groups: [{ name: 'vip' }, { name: 'FINE' }],
      prune: true,
      matchNames: 'ignore-case-and-whitespace',
    })
    expect(deletes(plan)).toEqual([{ name: 'VIP\u200b', nearMatch: 'vip', warned: true }])
  })
})
