import { createShoptet } from '@customer-groups/shoptet'
import {
  type StatefulBackend,
  type StatefulBackendOptions,
  startStatefulBackend,
} from '@customer-groups/testing'
import { createXtrakit } from '@customer-groups/xtrakit'
import { afterEach, describe, expect, it } from 'vitest'
import {
  type ActionResult,
  applyCustomerGroupPlan,
  InvalidArgumentError,
  type PlanJournal,
  planCustomerGroups,
  RenameConflictError,
} from './index.js'

// A plan applied later than it was made, on loopback fakes that keep state: what changed in between
// is refused as stale, never overwritten or deleted; and renamedFrom renames instead of replacing.

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
const shop = () => `stale-${++shops}`
const writesOf = (server: StatefulBackend, from = 0) =>
  server.requests.slice(from).filter((request) => request.method !== 'GET')
const statusOf = (result: ActionResult) => `${result.status} ${result.action.type} ${result.action.name}`

/** A fresh Shoptet shop on its own fake, and a client of it. */
async function shoptetShop() {
  const server = await backend('shoptet')
  const key = shop()
  return { server, key, shoptet: createShoptet({ accessToken: key, baseUrl: server.url }) }
}

/** A colleague's edit, straight through the provider's own client. */
const renameOnShoptet = (server: StatefulBackend, key: string, id: number, name: string) =>
  createShoptet({ accessToken: key, baseUrl: server.url }).updateCustomerGroup({ id, name })

describe('applyCustomerGroupPlan refuses what changed since the plan', () => {
  it('a group renamed after a --prune plan is not deleted: stale, with the new name', async () => {
    const { server, key, shoptet } = await shoptetShop()
    const plan = await planCustomerGroups({ targets: [shoptet], groups: [{ name: 'Retail' }], prune: true })
    expect(plan.actions.map((action) => `${action.type} ${action.name}`)).toEqual([
      'unchanged Retail',
      'delete Wholesale partners',
    ])
    await renameOnShoptet(server, key, 7, 'Keep me')
    const before = server.requests.length
    const result = await applyCustomerGroupPlan(plan)
    expect(result.results.map(statusOf)).toEqual(['stale delete Wholesale partners'])
    const [stale] = result.results
    expect(stale?.status === 'stale' && stale.stale).toMatchObject({
      kind: 'renamed',
      changes: [{ field: 'name', expected: 'Wholesale partners', found: 'Keep me' }],
      group: { id: '7', name: 'Keep me' },
    })
    expect(stale?.status === 'stale' && stale.stale.message).toBe(
      'renamed since the plan: name "Wholesale partners" → "Keep me"',
    )
    expect(result).toMatchObject({ ok: false, counts: { stale: 1, done: 0 } })
    expect(writesOf(server, before)).toEqual([])
    expect(server.views(key).map((group) => group.name)).toEqual(['Retail', 'Keep me'])
  })

  it('an update of a group deleted, and a create whose name appeared, are stale; the rest goes on', async () => {
    const { server, key, shoptet } = await shoptetShop()
    const plan = await planCustomerGroups({
      targets: [shoptet],
      groups: [{ name: 'Wholesale partners', description: 'New' }, { name: 'VIP' }, { name: 'Gold' }],
    })
    await shoptet.deleteCustomerGroup({ id: 7 })
    await shoptet.createCustomerGroup({ name: 'VIP' })
    const result = await applyCustomerGroupPlan(plan)
    expect(result.results.map(statusOf)).toEqual([
      'stale update Wholesale partners',
      'stale create VIP',
      'done create Gold',
    ])
    const [deleted, exists] = result.results
    expect(deleted?.status === 'stale' && deleted.stale).toEqual({
      kind: 'deleted',
      changes: [],
      message: 'deleted since the plan',
    })
    expect(exists?.status === 'stale' && exists.stale).toMatchObject({
      kind: 'exists',
      group: { name: 'VIP' },
    })
    expect(server.views(key).filter((group) => group.name === 'VIP')).toHaveLength(1)
  })

  it('a delete is read again right before it is sent: renamed after the last list, it is not deleted', async () => {
    const key = shop()
    let lists = 0
    let url = ''
    // The plan's list and the check's list see the group as planned; between the check and the
    // delete, a colleague renames it (the check's answer is held until the rename is made).
    const server = await backend('shoptet', {
      gate: (request) =>
        request.method === 'GET' && ++lists === 2
          ? createShoptet({ accessToken: key, baseUrl: url }).updateCustomerGroup({
              id: 7,
              name: 'Renamed at the last moment',
            })
          : undefined,
    })
    url = server.url
    const shoptet = createShoptet({ accessToken: key, baseUrl: server.url })
    const plan = await planCustomerGroups({ targets: [shoptet], groups: [{ name: 'Retail' }], prune: true })
    const result = await applyCustomerGroupPlan(plan)
    expect(result.results.map(statusOf)).toEqual(['stale delete Wholesale partners'])
    expect(lists).toBe(3)
    expect(server.requests.filter((request) => request.method === 'DELETE')).toEqual([])
    expect(server.views(key).map((group) => group.name)).toContain('Renamed at the last moment')
  })

  it('a resumed plan skips what an earlier run visibly did, and refuses what someone else changed', async () => {
    const { server, key, shoptet } = await shoptetShop()
    const plan = await planCustomerGroups({
      targets: [shoptet],
      groups: [
        { name: 'Retail', description: 'Ours' },
        { name: 'Wholesale partners', providerOptions: { shoptet: { maxDiscount: '0.3000' } } },
      ],
    })
    const done = new Set<string>()
    const journal: PlanJournal = {
      previous: (action) => (done.has(action.key) ? 'done' : undefined),
      finished: (result) => {
        if (result.status === 'done') done.add(result.action.key)
      },
    }
    const first = await applyCustomerGroupPlan(plan, { journal })
    expect(first.counts).toMatchObject({ done: 2 })
    // Someone changes Retail after the run; the plan is applied again with the same journal.
    await shoptet.updateCustomerGroup({ id: 1, description: 'Theirs' })
    const before = server.requests.length
    const second = await applyCustomerGroupPlan(plan, { journal })
    expect(second.results.map(statusOf)).toEqual([
      'skipped update Retail',
      'skipped update Wholesale partners',
    ])
    expect(writesOf(server, before)).toEqual([])
    // Without the journal, the same plan is stale: the groups are not as it found them.
    const fresh = await applyCustomerGroupPlan(plan)
    expect(fresh.results.map(statusOf)).toEqual(['stale update Retail', 'stale update Wholesale partners'])
    expect(server.views(key).find((group) => group.id === 1)?.description).toBe('Theirs')
  })

  it('an action an earlier run started (no end recorded) is skipped when the group shows it landed', async () => {
    const { server, shoptet } = await shoptetShop()
    const plan = await planCustomerGroups({
      targets: [shoptet],
      groups: [
        { name: 'Retail', description: 'Ours' },
        { name: 'Wholesale partners', description: 'Also ours' },
      ],
    })
    // The first run sent both and was killed before recording their ends; only Retail's landed.
    await shoptet.updateCustomerGroup({ id: 1, description: 'Ours' })
    const journal: PlanJournal = { previous: () => 'started' }
    const before = server.requests.length
    const result = await applyCustomerGroupPlan(plan, { journal })
    expect(result.results.map(statusOf)).toEqual(['skipped update Retail', 'done update Wholesale partners'])
    expect(writesOf(server, before).map((request) => request.url)).toEqual(['/api/customers/groups/7'])
  })

  it('a target that cannot be listed again gets nothing: its actions are not run, with why', async () => {
    let lists = 0
    const server = await backend('xtrakit', {
      fault: (request) =>
        request.method === 'GET' && ++lists === 2
          ? { when: 'before', answer: { status: 503, body: { status: 503, message: 'Down' } } }
          : undefined,
    })
    const xtrakit = createXtrakit({ apiKey: shop(), baseUrl: server.url, maxRetries: 0 })
    const plan = await planCustomerGroups({ targets: [xtrakit], groups: [{ name: 'New' }] })
    const result = await applyCustomerGroupPlan(plan)
    const [entry] = result.results
    expect(entry?.status).toBe('not-run')
    expect(entry?.status === 'not-run' && entry.reason).toMatchObject({ cause: 'recheck' })
    expect(result.stoppedTargets.map((stopped) => stopped.target)).toEqual([0])
    expect(writesOf(server)).toEqual([])
  })
})

describe('renamedFrom', () => {
  it('renames the group found under an old name, keeping its id, instead of create and delete', async () => {
    const { server, key, shoptet } = await shoptetShop()
    const groups = [
      { name: 'Retail' },
      { name: 'Partners', renamedFrom: ['Trade partners', 'Wholesale partners'] },
    ]
    const plan = await planCustomerGroups({ targets: [shoptet], groups, prune: true })
    expect(plan.actions.map((action) => `${action.type} ${action.name}`)).toEqual([
      'unchanged Retail',
      'update Partners',
    ])
    expect(plan.actions[1]).toMatchObject({
      id: '7',
      renamedFrom: 'Wholesale partners',
      changes: [{ field: 'name', from: 'Wholesale partners', to: 'Partners' }],
    })
    const result = await applyCustomerGroupPlan(plan)
    expect(result.ok).toBe(true)
    expect(server.views(key)).toEqual([
      expect.objectContaining({ id: 1, name: 'Retail' }),
      expect.objectContaining({ id: 7, name: 'Partners' }),
    ])
    expect(server.requests.filter((request) => request.method !== 'GET').map((r) => r.method)).toEqual([
      'PATCH',
    ])
    // Done: the next plan finds the group under its new name.
    const again = await planCustomerGroups({ targets: [shoptet], groups, prune: true })
    expect(again.changes).toBe(0)
  })

  it('fails only the target with two candidates or a clash, naming the groups', async () => {
    const [xtrakitServer, shoptetServer] = await Promise.all([backend('xtrakit'), backend('shoptet')])
    const key = shop()
    const xtrakit = createXtrakit({ apiKey: key, baseUrl: xtrakitServer.url })
    const shoptet = createShoptet({ accessToken: key, baseUrl: shoptetServer.url })
    // Xtrakit has Premium Customers and Trade Buyers: both are old names of one group.
    const several = await planCustomerGroups({
      targets: [xtrakit, shoptet],
      groups: [{ name: 'Best', renamedFrom: ['Premium Customers', 'Trade Buyers'] }],
    })
    const [onXtrakit, onShoptet] = several.targets
    expect(onXtrakit?.ok === false && RenameConflictError.isInstance(onXtrakit.error)).toBe(true)
    expect(onXtrakit?.ok === false && onXtrakit.error.message).toBe(
      'xtrakit has several groups under the old names of renamedFrom of "Best": "Premium Customers" (id 1), "Trade Buyers" (id 2); rename or merge them there first, or change renamedFrom',
    )
    expect(onShoptet?.ok).toBe(true)
    // Shoptet has Retail and Wholesale partners: the new name and an old one are both there.
    const clash = await planCustomerGroups({
      targets: [shoptet],
      groups: [{ name: 'Retail', renamedFrom: ['Wholesale partners'] }],
    })
    const [target] = clash.targets
    expect(target?.ok === false && (target.error as RenameConflictError).reason).toBe('clash')
    expect(target?.ok === false && target.error.message).toContain(
      '"Retail" (id 1), "Wholesale partners" (id 7)',
    )
  })

  it('refuses old names that cannot be followed before anything is sent', async () => {
    const server = await backend('shoptet')
    const shoptet = createShoptet({ accessToken: shop(), baseUrl: server.url })
    const error = await planCustomerGroups({
      targets: [shoptet],
      groups: [
        { name: 'A', renamedFrom: ['A'] },
        { name: 'B', renamedFrom: ['A', 'Old'] },
        { name: 'C', renamedFrom: ['Old', ''] },
        { name: 'D', renamedFrom: 'Old' as never },
      ],
    }).catch((caught: unknown) => caught)
    expect(InvalidArgumentError.isInstance(error)).toBe(true)
    expect((error as InvalidArgumentError).issues).toEqual([
      { field: 'groups[2].renamedFrom[1]', code: 'type', message: 'must be a non-empty string' },
      { field: 'groups[3].renamedFrom', code: 'type', message: 'must be a list of up to 100 old names' },
      { field: 'groups[0].renamedFrom[0]', code: 'conflict', message: "is the group's own name" },
      {
        field: 'groups[1].renamedFrom[0]',
        code: 'conflict',
        message: 'is the name of groups[0], which the file still wants',
      },
      { field: 'groups[2].renamedFrom[0]', code: 'conflict', message: 'is also an old name of groups[1]' },
    ])
    expect(server.requests).toEqual([])
  })
})
