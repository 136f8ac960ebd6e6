import { createShoptet } from '@customer-groups/shoptet'
import { type StatefulBackend, startStatefulBackend } from '@customer-groups/testing'
import { createXtrakit } from '@customer-groups/xtrakit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  applyCustomerGroupPlan,
  type CustomerGroupPlan,
  InvalidArgumentError,
  loadCustomerGroupPlan,
  parseCustomerGroupPlan,
  planCustomerGroups,
  serializeCustomerGroupPlan,
} from './index.js'

// Saved plans on loopback fakes that keep state: written, read back as hostile input, bound to the
// shops they were made for, and applied exactly, refusing what went stale in between.

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
function freshShops() {
  const key = `plan-file-secret-${++shops}-${'x'.repeat(20)}`
  return {
    key,
    xtrakit: createXtrakit({ apiKey: key, baseUrl: xtrakitServer.url, maxRetries: 0 }),
    shoptet: createShoptet({ accessToken: key, baseUrl: shoptetServer.url, maxRetries: 0 }),
  }
}
const requests = () => xtrakitServer.requests.length + shoptetServer.requests.length
const summary = (plan: CustomerGroupPlan) =>
  plan.actions.map((action) => `${action.providerId} ${action.type} ${action.name}`)

const groups = [
  { name: 'Premium Customers', description: 'Spent over $1000' },
  {
    name: 'Partners',
    renamedFrom: ['Wholesale partners'],
    providerOptions: { shoptet: { maxDiscount: '0.2000' } },
  },
  { name: 'VIP', description: 'Loyalty card' },
  { name: 'retail ' },
]

async function savedPlan() {
  const shops = freshShops()
  const plan = await planCustomerGroups({ targets: [shops.xtrakit, shops.shoptet], groups, prune: true })
  return { ...shops, plan, json: serializeCustomerGroupPlan(plan) }
}

/** The saved plan with `edit` applied to its parsed JSON, taken as loosely as an attacker writes it. */
// biome-ignore lint/suspicious/noExplicitAny: the test edits arbitrary fields of the parsed file
function edited(json: string, edit: (plan: Record<string, any>) => void): string {
  const value = JSON.parse(json)
  edit(value)
  return JSON.stringify(value)
}

async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  )
  expect(InvalidArgumentError.isInstance(error)).toBe(true)
  return (error as InvalidArgumentError).issues.map(
    (issue) => `${issue.field}: ${issue.code}: ${issue.message}`,
  )
}

describe('serializeCustomerGroupPlan', () => {
  it('writes format, version, per target its provider, account and shop fingerprint, per action what it sends and found', async () => {
    const { key, plan, json } = await savedPlan()
    const saved = JSON.parse(json)
    expect(saved).toMatchObject({
      format: 'customer-groups-plan',
      version: 1,
      prune: true,
      matchNames: 'exact',
    })
    expect(saved.targets.map((target: Record<string, unknown>) => target.provider)).toEqual([
      'xtrakit',
      'shoptet',
    ])
    for (const target of saved.targets) expect(target.shop).toMatch(/^[0-9a-f]{32}$/)
    expect(saved.targets[0].shop).not.toBe(saved.targets[1].shop)
    expect(saved.targets[1].actions).toContainEqual({
      type: 'update',
      name: 'Partners',
      id: '7',
      found: {
        id: '7',
        name: 'Wholesale partners',
        description: expect.any(String),
        providerMetadata: { shoptet: expect.objectContaining({ maxDiscount: '0.1500' }) },
      },
      request: { name: 'Partners', providerOptions: { shoptet: { maxDiscount: '0.2000' } } },
      changes: [
        { field: 'name', from: 'Wholesale partners', to: 'Partners' },
        { field: 'providerOptions.shoptet.maxDiscount', from: '0.1500', to: '0.2000' },
      ],
      warnings: [],
      renamedFrom: 'Wholesale partners',
    })
    // The near match of "retail " is kept for review, and the delete is marked.
    expect(saved.targets[1].actions).toContainEqual(
      expect.objectContaining({ type: 'delete', nearMatch: 'retail ' }),
    )
    // Nothing that opens or locates the shop: no credential, no URL, no client.
    expect(json).not.toContain(key)
    expect(json).not.toContain('127.0.0.1')
    expect(json).not.toMatch(/baseUrl|apiKey|accessToken|authorization/i)
    expect(summary(plan)).toContain('shoptet update Partners')
  })

  it('refuses a planned target whose provider cannot tell its shop', async () => {
    const { shoptet } = freshShops()
    const plan = await planCustomerGroups({ targets: [shoptet], groups: [{ name: 'Retail' }] })
    const blind = {
      ...plan,
      targets: plan.targets.map(({ shop: _, ...target }) => target),
    } as CustomerGroupPlan
    expect(() => serializeCustomerGroupPlan(blind)).toThrow(
      /targets\[0\]\.shop: shoptet cannot tell which shop/,
    )
  })
})

describe('loadCustomerGroupPlan', () => {
  it('reads back exactly the plan that was saved, with the same keys, and applies it', async () => {
    const { xtrakit, shoptet, plan, json } = await savedPlan()
    const before = requests()
    const loaded = await loadCustomerGroupPlan(json, { targets: [xtrakit, shoptet] })
    expect(requests()).toBe(before)
    const shape = (from: CustomerGroupPlan) =>
      from.actions.map(({ target, providerId, type, name, key, warnings, ...rest }) => ({
        target,
        providerId,
        type,
        name,
        key,
        warnings,
        id: 'id' in rest ? rest.id : undefined,
        changes: 'changes' in rest ? rest.changes : undefined,
        nearMatch: 'nearMatch' in rest ? rest.nearMatch : undefined,
      }))
    expect(shape(loaded)).toEqual(shape(plan))
    expect(loaded).toMatchObject({ changes: plan.changes, prune: true, failedTargets: 0 })
    const result = await applyCustomerGroupPlan(loaded)
    expect(result.counts).toMatchObject({ stale: 0, unknown: 0, notRun: 0 })
    // Applied once, the same saved plan is stale everywhere it changed something.
    const again = await applyCustomerGroupPlan(
      await loadCustomerGroupPlan(json, { targets: [xtrakit, shoptet] }),
    )
    expect(again.counts.done).toBe(0)
    expect(again.ok).toBe(false)
  })

  it("keeps a colleague's edit made after the plan was saved: stale, never overwritten", async () => {
    const { key, xtrakit, shoptet, json } = await savedPlan()
    await xtrakit.updateCustomerGroup({
      id: '1',
      group_name: 'Premium Customers',
      group_description: 'A colleague',
    })
    const loaded = await loadCustomerGroupPlan(json, { targets: [xtrakit, shoptet] })
    const result = await applyCustomerGroupPlan(loaded)
    const premium = result.results.find(
      (entry) => entry.action.providerId === 'xtrakit' && entry.action.type === 'update',
    )
    expect(premium?.status).toBe('stale')
    expect(result.ok).toBe(false)
    expect(xtrakitServer.views(key).find((group) => group.id === 1)?.description).toBe('A colleague')
  })

  it('refuses a plan made for other shops: another credential or another base URL, sending nothing', async () => {
    const { xtrakit, json } = await savedPlan()
    const other = freshShops()
    const before = requests()
    expect(await refusal(loadCustomerGroupPlan(json, { targets: [xtrakit, other.shoptet] }))).toEqual([
      'targets[1].shop: conflict: the plan was made for another shop than shoptet (default account) reaches now (another credential or base URL): make a new plan for this shop',
    ])
    const moved = createXtrakit({ apiKey: freshShops().key, baseUrl: shoptetServer.url })
    expect((await refusal(loadCustomerGroupPlan(json, { targets: [moved], partial: true })))[0]).toMatch(
      /^targets\[0\]\.shop: conflict/,
    )
    expect(requests()).toBe(before)
  })

  it('binds targets by provider and account: a missing one is refused unless partial, an unknown one always', async () => {
    const { xtrakit, shoptet, json } = await savedPlan()
    expect(await refusal(loadCustomerGroupPlan(json, { targets: [shoptet] }))).toEqual([
      "targets[0]: required: the plan's xtrakit (default account) has no target given: pass it, or partial: true to leave it out",
    ])
    const partial = await loadCustomerGroupPlan(json, { targets: [shoptet], partial: true })
    expect(partial.targets.map((target) => target.providerId)).toEqual(['shoptet'])
    expect(new Set(partial.actions.map((action) => action.target))).toEqual(new Set([0]))
    expect(
      await refusal(
        loadCustomerGroupPlan(json, { targets: [xtrakit, shoptet, { provider: shoptet, account: 'b' }] }),
      ),
    ).toEqual(['options.targets: conflict: shoptet account b is not a target of the plan'])
  })

  it('refuses a plan of another format or version before reading the rest', async () => {
    const { shoptet, json } = await savedPlan()
    expect(
      await refusal(
        loadCustomerGroupPlan(
          edited(json, (plan) => {
            plan.version = 2
          }),
          { targets: [shoptet] },
        ),
      ),
    ).toEqual([
      'version: enum: is 2; this version of @customer-groups/client reads plan version 1: make the plan again',
    ])
    expect(await refusal(loadCustomerGroupPlan('{"format":"terraform"}', { targets: [shoptet] }))).toEqual([
      'format: enum: must be "customer-groups-plan": this is not a saved customer-groups plan',
    ])
  })
})

describe('parseCustomerGroupPlan and loadCustomerGroupPlan take a saved plan as hostile input', () => {
  it('smuggles no URL, credential or header: every field beyond the format is refused, by name', async () => {
    const { json } = await savedPlan()
    const hostile = edited(json, (plan) => {
      plan.apiKey = 'stolen'
      plan.targets[0].baseUrl = 'https://evil.example'
      plan.targets[1].actions[0].request.headers = { authorization: 'Bearer x' }
      plan.targets[1].actions[1].found.credential = 'x'
    })
    expect(() => parseCustomerGroupPlan(hostile)).toThrow(InvalidArgumentError)
    const issues = await refusal(Promise.resolve().then(() => parseCustomerGroupPlan(hostile)))
    expect(issues).toEqual([
      'apiKey: unknown-field: is not a field here (format, version, prune, matchNames, targets, createdAt)',
      'targets[0].baseUrl: unknown-field: is not a field here (provider, shop, ok, warnings, actions, account, error)',
      expect.stringMatching(/^targets\[1\]\.actions\[0\]\.request\.headers: unknown-field/),
      expect.stringMatching(/^targets\[1\]\.actions\[1\]\.found\.credential: unknown-field/),
    ])
  })

  it('refuses what the provider would not send, options of another provider and changes that do not follow', async () => {
    const { xtrakit, shoptet, json } = await savedPlan()
    const hostile = edited(json, (plan) => {
      const [onXtrakit, onShoptet] = plan.targets
      // What the reviewer saw (changes) is not what would be sent (request).
      onShoptet.actions[1].request.name = 'Something else'
      onShoptet.actions[0].request = {
        name: 'Premium Customers',
        providerOptions: { xtrakit: { business_code: '1' } },
      }
      onShoptet.actions[0].changes = [{ field: 'name', to: 'Premium Customers' }]
      onShoptet.actions[4].id = 'abc'
      onShoptet.actions[4].found.id = 'abc'
      // Xtrakit cannot delete.
      onXtrakit.actions.push({
        type: 'delete',
        name: 'Trade Buyers 2',
        id: '99',
        found: { id: '99', name: 'Trade Buyers 2', description: null },
        warnings: [],
      })
    })
    const issues = await refusal(loadCustomerGroupPlan(hostile, { targets: [xtrakit, shoptet] }))
    expect(issues).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^targets\[0\]\.actions\[\d+\]\.type: unsupported-operation: xtrakit does not support deleteCustomerGroup/,
        ),
        "targets[1].actions[0].request.providerOptions.xtrakit: conflict: is not shoptet's",
        'targets[1].actions[1].changes: conflict: do not follow from what the action sends and the group it found',
        expect.stringMatching(/^targets\[1\]\.actions\[4\]\.request\.id: /),
      ]),
    )
  })

  it('checks types, bounds and agreement between fields', () => {
    const base = JSON.stringify({
      format: 'customer-groups-plan',
      version: 1,
      prune: false,
      matchNames: 'exact',
      targets: [],
    })
    const withTarget = (target: unknown, top: Record<string, unknown> = {}) =>
      JSON.stringify({ ...JSON.parse(base), ...top, targets: [target] })
    const target = (actions: unknown[], rest: Record<string, unknown> = {}) => ({
      provider: 'shoptet',
      shop: 'a'.repeat(32),
      ok: true,
      warnings: [],
      actions,
      ...rest,
    })
    const found = (id: string, name = 'G') => ({ id, name, description: null })
    const issuesOf = (json: unknown) => {
      try {
        parseCustomerGroupPlan(json)
        return []
      } catch (error) {
        return (error as InvalidArgumentError).issues.map((issue) => `${issue.field}: ${issue.code}`)
      }
    }
    expect(issuesOf(base)).toEqual([])
    expect(issuesOf('{')).toEqual(['plan: syntax'])
    expect(issuesOf(`"${'x'.repeat(100)}"`)).toEqual(['plan: type'])
    expect(issuesOf(' '.repeat(20))).toEqual(['plan: syntax'])
    expect(
      issuesOf(withTarget(target([{ type: 'delete', name: 'G', id: '1', found: found('1'), warnings: [] }]))),
    ).toEqual(['targets[0].actions[0].type: conflict'])
    expect(
      issuesOf(
        withTarget(
          target([
            { type: 'extra', name: 'G', id: '1', found: found('2'), warnings: [] },
            { type: 'extra', name: 'H', id: '1', found: found('1', 'H'), warnings: [] },
            { type: 'create', name: 'H', request: { name: 'H' }, changes: [], warnings: [] },
          ]),
        ),
      ),
    ).toEqual([
      'targets[0].actions[0].found.id: conflict',
      'targets[0].actions[1].id: conflict',
      'targets[0].actions[2].name: conflict',
    ])
    expect(issuesOf(withTarget(target([], { shop: 'not hex' })))).toEqual(['targets[0].shop: pattern'])
    expect(issuesOf(withTarget(target([], { shop: 'A'.repeat(32) })))).toEqual(['targets[0].shop: pattern'])
    expect(issuesOf(withTarget(target([], { ok: false, shop: null })))).toEqual(['targets[0].error: type'])
    const deep = JSON.parse(JSON.stringify(Array.from({ length: 40 }).reduce((inner) => ({ a: inner }), 1)))
    expect(
      issuesOf(
        withTarget(
          target([
            {
              type: 'extra',
              name: 'G',
              id: '1',
              found: { ...found('1'), providerMetadata: { shoptet: deep } },
              warnings: [],
            },
          ]),
        ),
      ),
    ).toEqual(['targets[0].actions[0].found.providerMetadata.shoptet: max-length'])
    expect(
      issuesOf(
        withTarget(
          target([{ type: 'extra', name: 'x'.repeat(10_001), id: '1', found: found('1'), warnings: [] }]),
        ),
      ),
    ).toEqual(['targets[0].actions[0].name: max-length'])
    expect(issuesOf(withTarget(target([{ type: 'explode', name: 'G', warnings: [] }])))).toEqual(
      expect.arrayContaining(['targets[0].actions[0].type: enum']),
    )
    // A file that big is refused before it is parsed; the same value given parsed is checked field by field.
    expect(() => parseCustomerGroupPlan(`${base}${' '.repeat(100)}`, { maxBytes: 100 })).toThrow(
      /plan: must be at most 100 bytes of JSON/,
    )
    // Hundreds of bad fields: the first 200 are named.
    const many = withTarget(target(Array.from({ length: 500 }, () => ({ type: 'extra' }))))
    expect(issuesOf(many)).toHaveLength(200)
  })
})
