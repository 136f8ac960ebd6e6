import { asCustomerGroupProvider, type Fetch } from '@customer-groups/runtime'
import { createShoptet } from '@customer-groups/shoptet'
import {
  type StatefulBackend,
  type StatefulBackendOptions,
  startStatefulBackend,
} from '@customer-groups/testing'
import { createXtrakit } from '@customer-groups/xtrakit'
import { afterEach, describe, expect, it } from 'vitest'
import {
  AuthenticationError,
  applyCustomerGroupPlan,
  createCustomerGroup,
  executeWrites,
  GroupChangedError,
  InvalidResponseError,
  planCustomerGroups,
  RequestLimiter,
  updateCustomerGroup,
  type WriteItem,
  type WriteResult,
} from './index.js'
import type { AnyProvider } from './types.js'

// The write path's parts on loopback fakes that keep state: the executor's order and stops, the
// limiter, a create settled by looking it up, a replacing update that keeps what it leaves out.

const servers: StatefulBackend[] = []
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()))
})
async function backend(
  provider: 'xtrakit' | 'shoptet',
  options: Omit<StatefulBackendOptions, 'provider'> = {},
) {
  const server = await startStatefulBackend({ provider, ...options })
  servers.push(server)
  return server
}
let shops = 0
const shop = () => `writes-${++shops}`

/** A fetch that counts requests in flight at once. */
function counting(): { fetch: Fetch; max: () => number } {
  let now = 0
  let max = 0
  return {
    fetch: async (input, init) => {
      now++
      max = Math.max(max, now)
      try {
        return await fetch(input, init)
      } finally {
        now--
      }
    },
    max: () => max,
  }
}

describe('createCustomerGroup settles an unknown outcome by looking the name up', () => {
  it('a create applied and its answer lost is done once, with the group found', async () => {
    const server = await backend('xtrakit', {
      fault: (request) => (request.method === 'POST' ? { when: 'after', answer: 'reset' } : undefined),
    })
    const key = shop()
    const xtrakit = createXtrakit({ apiKey: key, baseUrl: server.url })
    const result = await createCustomerGroup({ provider: xtrakit, name: 'Lost answer' })
    expect(result.reconciled).toMatchObject({ how: 'found' })
    expect(result.group.name).toBe('Lost answer')
    expect(server.writes.filter((write) => write.created.length > 0)).toHaveLength(1)
  })

  it("Shoptet's 'already exists' after a create whose first answer was lost is done, not failed", async () => {
    let posts = 0
    const server = await backend('shoptet', {
      // The first create is made and answered 502; the list lags one call behind it.
      fault: (request) =>
        request.method === 'POST' && ++posts === 1
          ? { when: 'after', answer: { status: 502, body: { data: null, errors: [] } } }
          : undefined,
      listLag: 1,
    })
    const shoptet = createShoptet({ accessToken: shop(), baseUrl: server.url })
    const result = await createCustomerGroup({ provider: shoptet, name: 'Late' })
    expect(result.group.name).toBe('Late')
    expect(result.reconciled?.how).toBe('found')
    // Sent twice (the list said it was absent), refused the second time, and found: one group.
    expect(server.writes.map((write) => write.answered)).toEqual([502, 422])
    expect(server.writes.flatMap((write) => write.created)).toHaveLength(1)
  })

  it('two groups of the name after a lost answer: the outcome stays unknown, nothing more is sent', async () => {
    const server = await backend('xtrakit', {
      fault: (request) => (request.method === 'POST' ? { when: 'after', answer: 'reset' } : undefined),
    })
    const key = shop()
    const xtrakit = createXtrakit({ apiKey: key, baseUrl: server.url })
    // Premium Customers is there already (the seed): after the lost create there are two.
    const error = await createCustomerGroup({ provider: xtrakit, name: 'Premium Customers' }).catch(
      (caught: unknown) => caught as { outcome?: string },
    )
    expect(error).toMatchObject({ outcome: 'unknown' })
    expect(server.writes).toHaveLength(1)
  })

  it('a create refused (422) is failed, and not looked up', async () => {
    const server = await backend('shoptet')
    const shoptet = createShoptet({ accessToken: shop(), baseUrl: server.url })
    const error = await createCustomerGroup({ provider: shoptet, name: 'Retail' }).catch(
      (caught: unknown) => caught as { outcome?: string },
    )
    expect(error).toMatchObject({ outcome: 'failed' })
    expect(server.requests.map((request) => request.method)).toEqual(['POST'])
  })
})

describe('a replacing update keeps what it leaves out', () => {
  it('reads the group first and sends the description it keeps', async () => {
    const server = await backend('xtrakit')
    const key = shop()
    const xtrakit = createXtrakit({ apiKey: key, baseUrl: server.url })
    const before = server.views(key).find((group) => group.id === 1)
    const result = await updateCustomerGroup({ provider: xtrakit, id: '1', name: 'Renamed' })
    expect(result.group).toMatchObject({ name: 'Renamed', description: before?.description })
    expect(server.requests.map((request) => request.method)).toEqual(['GET', 'PUT'])
    // And the name, when only the description is given.
    await updateCustomerGroup({ provider: xtrakit, id: '1', description: 'New words' })
    expect(server.views(key).find((group) => group.id === 1)).toMatchObject({
      name: 'Renamed',
      description: 'New words',
    })
  })

  it('refuses to overwrite a group that changed since it was read, sending nothing', async () => {
    const server = await backend('xtrakit')
    const key = shop()
    const xtrakit = createXtrakit({ apiKey: key, baseUrl: server.url })
    const { group } = await updateCustomerGroup({ provider: xtrakit, id: '1', description: 'Mine' })
    await xtrakit.updateCustomerGroup({ id: '1', group_name: group.name, group_description: 'A colleague' })
    const writes = server.writes.length
    const error = await updateCustomerGroup({
      provider: xtrakit,
      id: '1',
      name: 'Stale',
      expected: group,
    }).catch((caught: unknown) => caught)
    expect(GroupChangedError.isInstance(error) && error.outcome).toBe('failed')
    expect((error as GroupChangedError).changes.map((change) => change.field)).toContain('description')
    expect(server.writes).toHaveLength(writes)
  })

  it('a patching update sends only what is given, reading nothing', async () => {
    const server = await backend('shoptet')
    const shoptet = createShoptet({ accessToken: shop(), baseUrl: server.url })
    await updateCustomerGroup({ provider: shoptet, id: '7', name: 'Only the name' })
    expect(server.requests.map((request) => request.method)).toEqual(['PATCH'])
  })
})

describe('sync on a provider whose update replaces the group', () => {
  it('does not overwrite a group a colleague changed after the plan: stale, nothing sent', async () => {
    const server = await backend('xtrakit')
    const key = shop()
    const xtrakit = createXtrakit({ apiKey: key, baseUrl: server.url })
    const plan = await planCustomerGroups({
      targets: [xtrakit],
      groups: [{ name: 'Premium Customers', description: 'From the file' }],
    })
    // Between the plan and the write, someone renames nothing but rewrites the description.
    await xtrakit.updateCustomerGroup({
      id: '1',
      group_name: 'Premium Customers',
      group_description: 'A colleague',
    })
    const writes = server.writes.length
    for (const recheck of [true, false]) {
      // Found by listing the target again, or (without) by the read before the replacing write.
      const result = await applyCustomerGroupPlan(plan, { recheck })
      const [update] = result.results
      expect(update?.status).toBe('stale')
      expect(update?.status === 'stale' && update.stale).toMatchObject({
        kind: 'updated',
        changes: expect.arrayContaining([
          { field: 'description', expected: expect.stringContaining('Customers who'), found: 'A colleague' },
        ]),
      })
      expect(result.counts.stale).toBe(1)
      expect(result.ok).toBe(false)
    }
    expect(server.writes).toHaveLength(writes)
    expect(server.views(key).find((group) => group.id === 1)?.description).toBe('A colleague')
  })
})

describe('the write engine', () => {
  const lane = (provider: AnyProvider, items: WriteItem[]) => ({
    provider,
    load: (max: number) => items.splice(0, max),
  })
  const update = (id: string, name: string): WriteItem => ({
    group: id,
    write: { type: 'update', id, request: { name } },
  })

  it('stops the later writes of a group after one that failed, and goes on with other groups', async () => {
    let patches = 0
    const server = await backend('shoptet', {
      fault: (request) =>
        request.method === 'PATCH' && request.url.endsWith('/7') && ++patches === 2
          ? { when: 'before', answer: { status: 409, body: { data: null, errors: [] } } }
          : undefined,
    })
    const shoptet = createShoptet({ accessToken: shop(), baseUrl: server.url, maxRetries: 0 })
    const results: WriteResult<WriteItem>[] = []
    await executeWrites({
      lanes: [
        lane(shoptet, [update('7', 'first'), update('7', 'second'), update('7', 'third'), update('1', 'x')]),
      ],
      settled: (result) => {
        results.push(result)
      },
    })
    const statuses = Object.fromEntries(
      results.map((result) => [
        `${result.item.write.type === 'update' ? result.item.write.request.name : ''}`,
        result.status,
      ]),
    )
    expect(statuses).toEqual({ first: 'done', second: 'failed', third: 'not-run', x: 'done' })
    const toSeven = server.requests.filter((request) => request.url.endsWith('/7'))
    expect(toSeven.map((request) => request.status)).toEqual([200, 409])
  })

  it('ends a shop at its first 401, its other writes not-run, while another shop goes on', async () => {
    const server = await backend('shoptet')
    const revoked = shop()
    server.revoke(revoked)
    const [a, b] = [
      createShoptet({ accessToken: revoked, baseUrl: server.url, maxRetries: 0 }),
      createShoptet({ accessToken: shop(), baseUrl: server.url, maxRetries: 0 }),
    ]
    const items = () =>
      Array.from({ length: 40 }, (_, index) => update('7', `n${index}`)).map((item, index) => ({
        ...item,
        group: `g${index}`,
      }))
    const results: WriteResult<WriteItem>[] = []
    const run = await executeWrites({
      lanes: [lane(a, items()), lane(b, items())],
      concurrency: 2,
      settled: (result) => {
        results.push(result)
      },
    })
    const onRevoked = server.requests.filter((request) => request.shop === server.shopOf(revoked))
    // Only the writes already in flight at the first 401 went out.
    expect(onRevoked.length).toBeLessThanOrEqual(2)
    expect(run.stoppedShops).toHaveLength(1)
    expect(AuthenticationError.isInstance(run.stoppedShops[0]?.error)).toBe(true)
    const ofA = results.filter((result) => result.lane === 0)
    expect(ofA).toHaveLength(40)
    expect(
      ofA
        .filter((result) => result.status === 'not-run')
        .every((result) => result.status === 'not-run' && result.reason.cause === 'shop'),
    ).toBe(true)
    expect(results.filter((result) => result.lane === 1 && result.status === 'done')).toHaveLength(40)
  })

  it("lists a shop's groups once for a run of replacing updates that leave a field out", async () => {
    const server = await backend('xtrakit')
    const key = shop()
    const xtrakit = createXtrakit({ apiKey: key, baseUrl: server.url })
    const before = server.views(key)
    const items = before.flatMap((group) =>
      ['a', 'b', 'c'].map((suffix) => update(String(group.id), `${group.name} ${suffix}`)),
    )
    const count = items.length
    const results: WriteResult<WriteItem>[] = []
    await executeWrites({ lanes: [lane(xtrakit, items)], settled: (result) => void results.push(result) })
    expect(results.every((result) => result.status === 'done')).toBe(true)
    const methods = server.requests.map((request) => request.method)
    expect(methods.filter((method) => method === 'GET')).toHaveLength(1)
    expect(methods.filter((method) => method === 'PUT')).toHaveLength(count)
    expect(server.views(key).map((group) => group.description)).toEqual(
      before.map((group) => group.description),
    )
  })

  it('plans 60 targets within a shared limit of 50 list calls in flight', async () => {
    const server = await backend('shoptet', { delayMs: () => 40 })
    const meter = counting()
    const targets = Array.from({ length: 60 }, (_, index) => ({
      provider: createShoptet({ accessToken: shop(), baseUrl: server.url, fetch: meter.fetch }),
      account: `shop-${index}`,
    }))
    const limiter = new RequestLimiter()
    const plan = await planCustomerGroups({
      targets,
      groups: [{ name: 'Retail' }],
      limiter,
      sharedLimits: () => [{ name: 'shoptet per source IP', max: 50 }],
    })
    expect(plan.failedTargets).toBe(0)
    expect(meter.max()).toBeLessThanOrEqual(50)
    expect(meter.max()).toBeGreaterThan(1)
  })
})

describe('the plan', () => {
  it('refuses a Shoptet list that says it has more pages: the target fails, and nothing is planned there', async () => {
    const server = await backend('shoptet', {
      fault: (request) =>
        request.method === 'GET'
          ? {
              when: 'before',
              answer: {
                status: 200,
                body: { data: { customerGroups: [], paginator: { page: 1, pageCount: 2 } }, errors: null },
              },
            }
          : undefined,
    })
    const shoptet = createShoptet({ accessToken: shop(), baseUrl: server.url })
    const plan = await planCustomerGroups({ targets: [shoptet], groups: [{ name: 'Retail' }] })
    const [target] = plan.targets
    expect(target?.ok).toBe(false)
    expect(target?.ok === false && InvalidResponseError.isInstance(target.error)).toBe(true)
    expect(target?.ok === false && target.error.message).toMatch(/2 pages/)
    const applied = await applyCustomerGroupPlan(plan)
    expect(applied.ok).toBe(false)
    expect(server.writes).toHaveLength(0)
  })

  it("keeps the list's own warnings (errors[] beside a 200) on the target", async () => {
    const server = await backend('shoptet', {
      fault: (request) =>
        request.method === 'GET'
          ? {
              when: 'before',
              answer: {
                status: 200,
                body: {
                  data: { customerGroups: [] },
                  errors: [{ errorCode: 'partial', message: 'Some groups are hidden.', instance: 'data' }],
                },
              },
            }
          : undefined,
    })
    const shoptet = createShoptet({ accessToken: shop(), baseUrl: server.url })
    const plan = await planCustomerGroups({ targets: [shoptet], groups: [{ name: 'Retail' }] })
    expect(plan.targets[0]?.warnings).toContainEqual(
      expect.objectContaining({ type: 'provider-error', message: 'partial: Some groups are hidden.' }),
    )
  })

  it('plans no create on a provider that cannot create, and says so', async () => {
    const server = await backend('xtrakit')
    const xtrakit = asCustomerGroupProvider(createXtrakit({ apiKey: shop(), baseUrl: server.url }))
    if (xtrakit === undefined) throw new Error('a client is a provider instance')
    const withoutCreate = Object.create(xtrakit, {
      capabilities: {
        value: {
          ...xtrakit.capabilities,
          operations: { ...xtrakit.capabilities.operations, create: undefined },
        },
      },
      doCreateCustomerGroup: { value: undefined },
    }) as typeof xtrakit
    const plan = await planCustomerGroups({ targets: [withoutCreate], groups: [{ name: 'Not there' }] })
    expect(plan.actions.filter((action) => action.type === 'create')).toEqual([])
    expect(plan.targets[0]?.warnings.map((warning) => warning.message).join()).toMatch(
      /cannot create customer groups: "Not there"/,
    )
  })
})
