import { createShoptet } from '@customer-groups/shoptet'
import { type StatefulBackend, startStatefulBackend } from '@customer-groups/testing'
import { createXtrakit } from '@customer-groups/xtrakit'
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest'
import {
  type ActionResult,
  AmbiguousNameError,
  applyCustomerGroupPlan,
  type CustomerGroupPlan,
  type DesiredCustomerGroup,
  InvalidArgumentError,
  type PlanJournal,
  planCustomerGroups,
  syncCustomerGroups,
  UnprocessableEntityError,
} from './index.js'

// Recording loopback servers that keep groups as the APIs would (no Prism: the contract tests add it).
let xtrakitServer: StatefulBackend
let shoptetServer: StatefulBackend
beforeAll(async () => {
  ;[xtrakitServer, shoptetServer] = await Promise.all([
    startStatefulBackend({ provider: 'xtrakit' }),
    startStatefulBackend({ provider: 'shoptet' }),
  ])
})
afterAll(async () => {
  await Promise.all([xtrakitServer?.close(), shoptetServer?.close()])
})

let shops = 0
/** Clients of fresh shops (the servers keep one shop per credential), seeded with the specs' examples. */
function freshShops(maxRetries = 0) {
  const key = `sync-${++shops}`
  return {
    key,
    xtrakit: createXtrakit({ apiKey: key, baseUrl: xtrakitServer.url, maxRetries }),
    shoptet: createShoptet({ accessToken: key, baseUrl: shoptetServer.url, maxRetries }),
  }
}

/** The requests each server got from `from` on, as `METHOD path`. */
function sentSince(from: { xtrakit: number; shoptet: number }) {
  return [
    ...xtrakitServer.requests
      .slice(from.xtrakit)
      .map((request) => `xtrakit ${request.method} ${request.url}`),
    ...shoptetServer.requests
      .slice(from.shoptet)
      .map((request) => `shoptet ${request.method} ${request.url}`),
  ]
}
const mark = () => ({ xtrakit: xtrakitServer.requests.length, shoptet: shoptetServer.requests.length })
const summary = (plan: CustomerGroupPlan) =>
  plan.actions.map((action) => `${action.providerId} ${action.type} ${action.name}`)

// The specs' examples: Xtrakit has Premium Customers (1) and Trade Buyers (2); Shoptet Retail (1, the
// default group) and Wholesale partners (7).
const desired = [
  { name: 'Premium Customers', description: 'Spent over $1000' },
  {
    name: 'Wholesale partners',
    description: 'Partners buying in bulk',
    providerOptions: { shoptet: { maxDiscount: '0.2000' } },
  },
  { name: 'Retail' },
] as const

describe('planCustomerGroups', () => {
  it('says create, update (old → new), unchanged and extra per target, sending only the list calls', async () => {
    const { xtrakit, shoptet } = freshShops()
    const before = mark()
    const plan = await planCustomerGroups({ targets: [xtrakit, shoptet], groups: desired })
    expect(sentSince(before)).toEqual(['xtrakit GET /customer-groups', 'shoptet GET /api/customers/groups'])
    expect(summary(plan)).toEqual([
      'xtrakit update Premium Customers',
      'xtrakit create Wholesale partners',
      'xtrakit create Retail',
      'xtrakit extra Trade Buyers',
      'shoptet create Premium Customers',
      'shoptet update Wholesale partners',
      'shoptet unchanged Retail',
    ])
    const [premium, wholesaleOnXtrakit, , , , wholesale] = plan.actions
    expect(premium).toMatchObject({
      type: 'update',
      id: '1',
      changes: [
        {
          field: 'description',
          from: 'Customers who have spent over $1000 and have been with the business for over a year.',
          to: 'Spent over $1000',
        },
      ],
      // Xtrakit replaces the whole group: the name goes along.
      request: { name: 'Premium Customers', description: 'Spent over $1000' },
    })
    // What Xtrakit cannot store is a warning, not an error.
    expect(wholesaleOnXtrakit?.warnings).toEqual([
      {
        type: 'unsupported-option',
        field: 'providerOptions.shoptet.maxDiscount',
        message: 'xtrakit has no maxDiscount; not applied there',
      },
    ])
    expect(wholesale).toMatchObject({
      type: 'update',
      id: '7',
      changes: [{ field: 'providerOptions.shoptet.maxDiscount', from: '0.1500', to: '0.2000' }],
      request: { providerOptions: { shoptet: { maxDiscount: '0.2000' } } },
      warnings: [],
    })
    expect(plan).toMatchObject({ changes: 5, failedTargets: 0, prune: false, matchNames: 'exact' })
  })

  it('refuses bad desired groups before sending anything, naming each problem', async () => {
    const { xtrakit, shoptet } = freshShops()
    const before = mark()
    const error = await planCustomerGroups({
      targets: [xtrakit, shoptet],
      groups: [
        { name: 'VIP', providerOptions: { shoptet: { maxDiscount: '1.5', maxDiscont: '0.1' } as never } },
        { name: 'VIP' },
        { name: '' },
      ],
    }).catch((caught: unknown) => caught)
    expect(InvalidArgumentError.isInstance(error)).toBe(true)
    const fields = (error as InvalidArgumentError).issues.map((issue) => `${issue.field} ${issue.code}`)
    expect(fields).toEqual(
      expect.arrayContaining([
        'groups[0].providerOptions.shoptet.maxDiscont unsupported-option',
        'groups[0].providerOptions.shoptet.maxDiscount pattern',
        'groups[1].name conflict',
        'groups[2].name required',
      ]),
    )
    expect(sentSince(before)).toEqual([])
  })

  it('matches names exactly by default, and ignoring case and whitespace when asked', async () => {
    const { shoptet } = freshShops()
    const groups = [{ name: '  wholesale   PARTNERS ' }]
    const exact = await planCustomerGroups({ targets: [shoptet], groups })
    expect(summary(exact)).toEqual([
      'shoptet create   wholesale   PARTNERS ',
      'shoptet extra Retail',
      'shoptet extra Wholesale partners',
    ])
    const loose = await planCustomerGroups({
      targets: [shoptet],
      groups,
      matchNames: 'ignore-case-and-whitespace',
    })
    expect(summary(loose)).toEqual(['shoptet update   wholesale   PARTNERS ', 'shoptet extra Retail'])
    // The file's spelling wins: the match is renamed to it.
    expect(loose.actions[0]).toMatchObject({
      changes: [{ field: 'name', from: 'Wholesale partners', to: '  wholesale   PARTNERS ' }],
    })
  })

  it('stops only the target where a desired name is ambiguous, never guessing', async () => {
    const { xtrakit, shoptet } = freshShops()
    // Xtrakit allows two groups of one name.
    await syncCustomerGroups({ targets: [xtrakit], groups: [{ name: 'Trade Buyers' }] })
    await xtrakit.createCustomerGroup({ group_name: 'Trade Buyers' })
    const plan = await planCustomerGroups({ targets: [xtrakit, shoptet], groups: [{ name: 'Trade Buyers' }] })
    const [onXtrakit, onShoptet] = plan.targets
    expect(onXtrakit?.ok).toBe(false)
    expect(onXtrakit?.ok === false && AmbiguousNameError.isInstance(onXtrakit.error)).toBe(true)
    expect(onXtrakit?.ok === false && onXtrakit.error.message).toMatch(
      /2 groups named "Trade Buyers" \(ids 2, 3\)/,
    )
    expect(onShoptet?.ok).toBe(true)
    expect(plan.failedTargets).toBe(1)
    const before = mark()
    const result = await applyCustomerGroupPlan(plan)
    expect(result.ok).toBe(false)
    expect(result.failedTargets.map((target) => target.providerId)).toEqual(['xtrakit'])
    // Shoptet is listed once more before its write, to check the plan still holds; Xtrakit gets nothing.
    expect(sentSince(before)).toEqual([
      'shoptet GET /api/customers/groups',
      'shoptet POST /api/customers/groups',
    ])
  })
})

describe('syncCustomerGroups', () => {
  it('makes every target match, and a second run right after sends no write', async () => {
    const { key, xtrakit, shoptet } = freshShops()
    const first = await syncCustomerGroups({ targets: [xtrakit, shoptet], groups: desired })
    expect(first.ok).toBe(true)
    expect(first.counts).toEqual({
      done: 5,
      warned: 1,
      failed: 0,
      unknown: 0,
      stale: 0,
      notRun: 0,
      skipped: 0,
    })
    expect(xtrakitServer.groups(key).map((group) => group.group_name)).toEqual([
      'Premium Customers',
      'Trade Buyers',
      'Wholesale partners',
      'Retail',
    ])
    const before = mark()
    const second = await syncCustomerGroups({ targets: [xtrakit, shoptet], groups: desired })
    expect(sentSince(before)).toEqual(['xtrakit GET /customer-groups', 'shoptet GET /api/customers/groups'])
    expect(second.plan.changes).toBe(0)
    expect(second.results).toEqual([])
    expect(second.ok).toBe(true)
  })

  it('prunes: deletes extras where the provider can, reports a refused default-group delete once, never retried', async () => {
    // Retries on: a 422 must still be sent once.
    const { key, xtrakit, shoptet } = freshShops(2)
    const before = mark()
    const result = await syncCustomerGroups({
      targets: [xtrakit, shoptet],
      groups: [{ name: 'Wholesale partners' }],
      prune: true,
    })
    expect(summary(result.plan)).toEqual([
      'xtrakit create Wholesale partners',
      'xtrakit extra Premium Customers',
      'xtrakit extra Trade Buyers',
      'shoptet unchanged Wholesale partners',
      'shoptet delete Retail',
    ])
    expect(result.plan.targets[0]?.warnings).toEqual([
      { type: 'other', message: 'xtrakit cannot delete customer groups: 2 extra group(s) left as they are' },
    ])
    const refused = result.results.find((entry) => entry.action.type === 'delete') as ActionResult
    expect(refused.status).toBe('failed')
    const error = refused.status === 'failed' ? refused.error : undefined
    expect(UnprocessableEntityError.isInstance(error)).toBe(true)
    expect(error?.message).toContain('The default customer group cannot be deleted.')
    expect(sentSince(before).filter((line) => / (POST|PUT|PATCH|DELETE) /.test(line))).toEqual([
      'xtrakit POST /customer-groups/add',
      'shoptet DELETE /api/customers/groups/1',
    ])
    expect(result.ok).toBe(false)
    expect(xtrakitServer.groups(key)).toHaveLength(3)
  })

  it('deletes a Shoptet extra that is not the default group', async () => {
    const { key, shoptet } = freshShops()
    const result = await syncCustomerGroups({
      targets: [shoptet],
      groups: [{ name: 'Retail' }],
      prune: true,
    })
    expect(result.ok).toBe(true)
    expect(
      result.results.map((entry) => `${entry.status} ${entry.action.type} ${entry.action.name}`),
    ).toEqual(['done delete Wholesale partners'])
    expect(shoptetServer.groups(key).map((group) => group.name)).toEqual(['Retail'])
  })
})

describe('applyCustomerGroupPlan', () => {
  it('resumes an interrupted run through its journal: a create it did is looked up by name, never sent again', async () => {
    const { xtrakit, shoptet } = freshShops()
    const groups = ['A', 'B', 'C', 'D', 'E', 'F'].map((name) => ({ name }))
    const plan = await planCustomerGroups({ targets: [xtrakit, shoptet], groups })
    const done = new Set<string>()
    const started: string[] = []
    const journal: PlanJournal = {
      previous: (action) => (done.has(action.key) ? 'done' : undefined),
      starting: (actions) => {
        started.push(...actions.map((action) => action.key))
      },
      finished: (result) => {
        if (result.status === 'done') done.add(result.action.key)
      },
    }
    const stop = new AbortController()
    const before = mark()
    const first = await applyCustomerGroupPlan(plan, {
      journal,
      concurrency: 1,
      stop: stop.signal,
      onResult: () => stop.abort(),
    })
    expect(first.ok).toBe(false)
    expect(first.counts).toMatchObject({ done: 2, notRun: 10 })
    const second = await applyCustomerGroupPlan(plan, { journal })
    expect(second.counts).toMatchObject({ done: 12, skipped: 0, notRun: 0 })
    expect(
      second.results.filter((result) => result.status === 'done' && result.reconciled?.how === 'found'),
    ).toHaveLength(2)
    expect(second.ok).toBe(true)
    // Twelve creates in all: none sent twice; the two done before were looked up (one list each),
    // after each run listed both targets once to check the plan.
    const sent = sentSince(before)
    expect(sent.filter((request) => !request.includes(' GET '))).toHaveLength(12)
    expect(sent.filter((request) => request.includes(' GET '))).toHaveLength(2 + 2 + 2)
    // The two looked up were started again (recorded before their lookup), the rest once.
    expect(started).toHaveLength(14)
    expect(new Set(started).size).toBe(12)
  })

  it('never rejects: a target that cannot be reached fails alone', async () => {
    const { shoptet } = freshShops()
    const unreachable = createXtrakit({ apiKey: 'k', baseUrl: 'http://127.0.0.1:9', maxRetries: 0 })
    const result = await syncCustomerGroups({ targets: [unreachable, shoptet], groups: [{ name: 'Retail' }] })
    expect(result.plan.targets.map((target) => target.ok)).toEqual([false, true])
    expect(result.failedTargets[0]?.error.name).toBe('APIConnectionError')
    expect(result.ok).toBe(false)
  })

  it('infers each provider’s options from the targets', () => {
    const { xtrakit, shoptet } = freshShops()
    type Desired = DesiredCustomerGroup<typeof xtrakit | typeof shoptet>
    expectTypeOf<{ name: 'x'; providerOptions: { shoptet: { maxDiscount: '0.1000' } } }>().toExtend<Desired>()
    expectTypeOf<{
      name: 'x'
      providerOptions: { shoptet: { maxDiscont: '0.1000' } }
    }>().not.toExtend<Desired>()
  })
})
