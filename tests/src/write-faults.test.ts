import {
  type ActionResult,
  capabilitiesOf,
  createCustomerGroup,
  type PlanJournal,
  syncCustomerGroups,
  updateCustomerGroup,
} from '@customer-groups/client'
import type { StatefulFault } from '@customer-groups/testing'
import { afterAll, describe, expect, it } from 'vitest'
import {
  byName,
  clearedDescriptions,
  closeFakes,
  createdByName,
  fake,
  faultSeed,
  seeded,
  writesOf,
} from './fault-fakes.js'
import { createClient, credentialSetting as credentialOf, providerNames } from './providers.js'

// The write path against faults, in process, on every registered provider: fakes that keep state
// and lose answers after making a change, fail before or after it, and answer slowly. Every
// assertion reads the fake's own write log, not what a client reported.

afterAll(closeFakes)
let shops = 0
const shop = () => `write-faults-${++shops}`
const isWrite = (method: string) => method !== 'GET'

describe.each(providerNames)('writes on %s', (provider) => {
  it('an update that leaves the description out keeps it', async () => {
    const backend = await fake(provider)
    const credential = shop()
    const client = createClient(provider, { baseUrl: backend.url, [credentialOf(provider)]: credential })
    const [seed] = backend.views(credential)
    if (seed === undefined) throw new Error('the spec example seeds no group')
    await updateCustomerGroup({ provider: client, id: String(seed.id), name: 'Renamed, nothing else' })
    const after = backend.views(credential).find((group) => group.id === seed.id)
    expect(after).toEqual({ ...seed, name: 'Renamed, nothing else' })
    expect(clearedDescriptions(writesOf(backend, credential))).toEqual([])
  })

  // Creates, where the provider can create; where it cannot, a create is refused before anything is sent.
  const canCreate = capabilitiesOf(createClient(provider)).operations.create !== undefined
  if (canCreate) {
    const lost: [string, StatefulFault | 'slow'][] = [
      ['reset after the group was made', { when: 'after', answer: 'reset' }],
      ['a 502 after the group was made', { when: 'after', answer: { status: 502, body: {} } }],
      ['a 500 after the group was made', { when: 'after', answer: { status: 500, body: {} } }],
      ['an answer slower than the timeout', 'slow'],
    ]
    it.each(lost)('a create whose answer is lost (%s) is done once, found by its name', async (_, fault) => {
      const backend = await fake(provider, {
        fault: (request) => (isWrite(request.method) && fault !== 'slow' ? fault : undefined),
        delayMs: (request) => (fault === 'slow' && isWrite(request.method) ? 400 : 0),
      })
      const credential = shop()
      const client = createClient(provider, {
        baseUrl: backend.url,
        [credentialOf(provider)]: credential,
        timeoutMs: 150,
        retry: { initialDelayMs: 0, maxDelayMs: 0 },
      })
      const result = await createCustomerGroup({ provider: client, name: 'Created once' })
      expect(result.reconciled?.how).toBe('found')
      expect(createdByName(writesOf(backend, credential)).get('Created once')).toBe(1)
      expect(byName(backend.views(credential), 'Created once')).toHaveLength(1)
    })

    it('a create refused before it was made (503 without Retry-After) is looked up, sent once more, and done', async () => {
      let posts = 0
      const backend = await fake(provider, {
        fault: (request) =>
          isWrite(request.method) && ++posts === 1
            ? { when: 'before', answer: { status: 503, body: {} } }
            : undefined,
      })
      const credential = shop()
      const client = createClient(provider, { baseUrl: backend.url, [credentialOf(provider)]: credential })
      const result = await createCustomerGroup({ provider: client, name: 'Second try' })
      expect(result.reconciled?.how).toBe('resent')
      expect(createdByName(writesOf(backend, credential)).get('Second try')).toBe(1)
    })
  } else {
    it('refuses a create before anything is sent: the provider cannot create', async () => {
      const backend = await fake(provider)
      const credential = shop()
      const client = createClient(provider, { baseUrl: backend.url, [credentialOf(provider)]: credential })
      await expect(createCustomerGroup({ provider: client, name: 'Never sent' })).rejects.toMatchObject({
        name: 'UnsupportedOperationError',
        outcome: 'failed',
      })
      expect(backend.requests).toEqual([])
    })
  }

  it('an update whose answer is slower than the timeout, or over the size cap, is unknown, not failed; it happened', async () => {
    const backend = await fake(provider, { delayMs: (request) => (isWrite(request.method) ? 400 : 0) })
    const credential = shop()
    const [seed] = backend.views(credential)
    const settings = { baseUrl: backend.url, [credentialOf(provider)]: credential, maxRetries: 0 }
    const slow = createClient(provider, { ...settings, timeoutMs: 150 })
    const timedOut = await updateCustomerGroup({ provider: slow, id: String(seed?.id), name: 'Slow' }).catch(
      (error: unknown) => error as { outcome?: string },
    )
    expect(timedOut).toMatchObject({ outcome: 'unknown' })
    const small = createClient(provider, { ...settings, maxResponseBytes: 64 })
    const tooBig = await updateCustomerGroup({
      provider: small,
      id: String(seed?.id),
      name: 'Big answer',
      description: 'Kept',
    }).catch((error: unknown) => error as { outcome?: string })
    expect(tooBig).toMatchObject({ outcome: 'unknown' })
    // Both happened: the fake made each change before its answer was lost.
    const names = writesOf(backend, credential).flatMap((write) =>
      write.updated.map((change) => change.after.name),
    )
    expect(names).toEqual(['Slow', 'Big answer'])
  })

  it('syncs through seeded lost answers and 5xx until done: every group once, nothing cleared, every done real', async () => {
    const random = seeded(faultSeed + providerNames.indexOf(provider))
    const backend = await fake(provider, {
      fault: (request) => {
        if (!isWrite(request.method)) return undefined
        const roll = random()
        if (roll < 0.2) return { when: 'after', answer: 'reset' }
        if (roll < 0.35) return { when: 'after', answer: { status: 502, body: {} } }
        if (roll < 0.45) return { when: 'before', answer: { status: 503, body: {} } }
        return undefined
      },
    })
    const credential = shop()
    const client = createClient(provider, {
      baseUrl: backend.url,
      [credentialOf(provider)]: credential,
      maxRetries: 1,
      retry: { initialDelayMs: 0, maxDelayMs: 0 },
    })
    const seeds = backend.views(credential)
    // New groups where the provider can create them; else every group it has, each with a new description.
    const groups = canCreate
      ? [
          { name: seeds[0]?.name as string, description: 'A new description' },
          ...['One', 'Two', 'Three', 'Four', 'Five', 'Six'].map((name) => ({
            name: `Fault ${name}`,
            description: name,
          })),
        ]
      : seeds.map((seed, index) => ({ name: seed.name, description: `New description ${index + 1}` }))
    const outcomes = new Map<string, 'done' | 'started'>()
    const journal: PlanJournal = {
      previous: (action) => outcomes.get(action.key),
      starting: (actions) => {
        for (const action of actions)
          if (outcomes.get(action.key) !== 'done') outcomes.set(action.key, 'started')
      },
      finished: (result) => {
        if (result.status === 'done') outcomes.set(result.action.key, 'done')
      },
    }
    const done: ActionResult[] = []
    let ok = false
    for (let run = 0; run < 8 && !ok; run++) {
      const result = await syncCustomerGroups({ targets: [client], groups, journal })
      done.push(...result.results.filter((entry) => entry.status === 'done'))
      ok = result.ok
    }
    expect(ok).toBe(true)
    const writes = writesOf(backend, credential)
    const views = backend.views(credential)
    for (const group of groups) {
      expect(byName(views, group.name), group.name).toHaveLength(1)
      expect(byName(views, group.name)[0]?.description).toBe(group.description)
    }
    expect([...createdByName(writes).values()].every((count) => count === 1)).toBe(true)
    expect(clearedDescriptions(writes)).toEqual([])
    // Every done a result reported is a change the fake made.
    for (const entry of done) {
      const { action } = entry
      const made = writes.some((write) =>
        action.type === 'create'
          ? write.created.some((group) => group.name === action.name)
          : write.updated.some((change) => String(change.after.id) === ('id' in action ? action.id : '')),
      )
      expect(made, `${action.type} ${action.name}`).toBe(true)
    }
  })
})
