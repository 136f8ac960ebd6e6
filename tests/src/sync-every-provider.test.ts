import {
  capabilitiesOf,
  listCustomerGroups,
  planCustomerGroups,
  syncCustomerGroups,
} from '@customer-groups/client'
import { type StatefulBackend, startStatefulBackend } from '@customer-groups/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createClient, type ProviderName, providerNames } from './providers.js'

// Declarative sync keeps its promise on every registered provider: what a sync writes, the next plan
// finds in place, so a second run writes nothing. The mocks keep groups as each API does. A provider
// that cannot create is told apart by its capabilities, never by its name.

const backends = new Map<ProviderName, StatefulBackend>()
beforeAll(async () => {
  for (const provider of providerNames) backends.set(provider, await startStatefulBackend({ provider }))
})
afterAll(async () => {
  await Promise.all([...backends.values()].map((backend) => backend.close()))
})

const clientOf = (provider: ProviderName) =>
  createClient(provider, { baseUrl: backends.get(provider)?.url, maxRetries: 0 })
const writes = (provider: ProviderName) =>
  (backends.get(provider)?.requests ?? []).filter((request) => request.method !== 'GET').length
const canCreate = (provider: ProviderName) =>
  capabilitiesOf(clientOf(provider)).operations.create !== undefined

describe.each(providerNames)('sync on %s', (provider) => {
  it('creates what is missing, updates what differs, and writes nothing the second time', async () => {
    const client = clientOf(provider)
    let name = `Sync check ${provider}`
    if (!canCreate(provider)) {
      // The planner asks the provider's capabilities: a missing group is a warning, not a create.
      const plan = await planCustomerGroups({ targets: [client], groups: [{ name, description: 'x' }] })
      expect(plan.actions.filter((action) => action.type !== 'extra')).toEqual([])
      expect(plan.changes).toBe(0)
      expect(plan.targets[0]?.warnings.map((warning) => warning.message)).toEqual([
        expect.stringContaining('cannot create customer groups'),
      ])
      // What follows syncs a group the shop has.
      name = (await listCustomerGroups({ provider: client })).groups[0]?.name as string
    }
    const groups = [{ name, description: 'First wording' }]
    const first = await syncCustomerGroups({ targets: [client], groups })
    expect(first.results.map((result) => `${result.status} ${result.action.type}`)).toEqual([
      canCreate(provider) ? 'done create' : 'done update',
    ])

    const before = writes(provider)
    const again = await syncCustomerGroups({ targets: [client], groups })
    expect(again.plan.changes).toBe(0)
    expect(again.results).toEqual([])
    expect(writes(provider)).toBe(before)

    const reworded = [{ name, description: 'Second wording' }]
    const plan = await planCustomerGroups({ targets: [client], groups: reworded })
    const update = plan.actions.find((action) => action.type === 'update')
    expect(update?.changes).toEqual([{ field: 'description', from: 'First wording', to: 'Second wording' }])
    const applied = await syncCustomerGroups({ targets: [client], groups: reworded })
    expect(applied.results.map((result) => result.status)).toEqual(['done'])
    expect((await planCustomerGroups({ targets: [client], groups: reworded })).changes).toBe(0)
  })
})

it('syncs every provider at once, each target planned and written on its own', async () => {
  const targets = providerNames.map(clientOf)
  const groups = [{ name: 'Sync check, every provider', description: null }]
  const first = await syncCustomerGroups({ targets, groups })
  expect(first.ok).toBe(true)
  expect(first.results.map((result) => result.action.providerId).sort()).toEqual(
    providerNames.filter(canCreate).sort(),
  )
  const second = await planCustomerGroups({ targets, groups })
  expect(second.changes).toBe(0)
})
