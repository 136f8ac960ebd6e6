import type { CustomerGroupProvider, ProviderCapabilities } from '@customer-groups/runtime'
import { describe, expect, it } from 'vitest'
import { executeWrites, type WriteItem, type WriteLane } from './execute-writes.js'
import { RequestLimiter, type SharedLimit } from './request-limiter.js'

// The engine's order and limits, with writes the test ends one by one.

const capabilities: ProviderCapabilities = {
  fields: ['name'],
  operations: {
    update: {
      mode: 'patch',
      requiredFields: [],
      canClearDescription: false,
      providerOptions: [],
      optionSchemas: {},
    },
  },
}

/** Writes as `[lane, group]`; each update waits until the test releases it. */
function harness(writes: [number, string][], laneLimits: SharedLimit[][], concurrency = 16) {
  const inFlight: string[] = []
  const order: string[] = []
  const releases = new Map<string, () => void>()
  const provider: CustomerGroupProvider = {
    providerId: 'fake',
    capabilities,
    doUpdateCustomerGroup: (request) =>
      new Promise((resolve) => {
        inFlight.push(request.id)
        order.push(request.id)
        releases.set(request.id, () => {
          inFlight.splice(inFlight.indexOf(request.id), 1)
          resolve({
            group: { id: request.id, name: 'x', description: null, provider: 'fake' },
            warnings: [],
            raw: undefined,
            response: { status: 200, headers: {}, attempts: 1, durationMs: 0 },
          })
        })
      }),
  }
  const lanes: WriteLane<WriteItem>[] = laneLimits.map((limits, lane) => {
    const mine = writes
      .map(([writeLane, group], index) => ({ lane: writeLane, id: `${index}`, group }))
      .filter((write) => write.lane === lane)
    return {
      provider,
      limits,
      load: (max) =>
        mine.splice(0, Math.min(max, 3)).map(({ id, group }) => ({
          group,
          write: { type: 'update', id, request: { name: 'x' } },
        })),
    }
  })
  const run = executeWrites({ lanes, concurrency, limiter: new RequestLimiter() })
  const settled = async () => {
    // Let every pending promise and setImmediate run until nothing starts any more.
    for (let round = 0; round < 20; round++) await new Promise((resolve) => setImmediate(resolve))
  }
  return { inFlight, order, releases, run, settled }
}

describe('executeWrites', () => {
  it('runs a group in order, groups at once, within every limit', async () => {
    const writes: [number, string][] = [
      [0, 'g1'],
      [0, 'g1'],
      [0, 'g2'],
      [0, 'g3'],
    ]
    const test = harness(writes, [[]], 2)
    await test.settled()
    expect(test.inFlight).toEqual(['0', '2'])
    test.releases.get('2')?.()
    await test.settled()
    expect(test.inFlight).toEqual(['0', '3'])
    test.releases.get('0')?.()
    await test.settled()
    expect(test.inFlight).toEqual(['3', '1'])
    test.releases.get('3')?.()
    test.releases.get('1')?.()
    await test.run
    expect(test.order).toEqual(['0', '2', '3', '1'])
  })

  it('shares a per-token limit between shops and a provider limit between all', async () => {
    const token = { name: 'token', max: 3 }
    const provider = { name: 'provider', max: 4 }
    const writes: [number, string][] = Array.from({ length: 30 }, (_, index) => [index % 3, `g${index}`])
    const test = harness(writes, [[token, provider], [token, provider], [provider]])
    let most = 0
    for (let round = 0; round < 40 && test.order.length < 30; round++) {
      await test.settled()
      const byLane = (lane: number) => test.inFlight.filter((id) => Number(id) % 3 === lane).length
      expect(byLane(0) + byLane(1)).toBeLessThanOrEqual(3)
      expect(test.inFlight.length).toBeLessThanOrEqual(4)
      most = Math.max(most, test.inFlight.length)
      for (const id of [...test.inFlight]) test.releases.get(id)?.()
    }
    await test.run
    expect(test.order).toHaveLength(30)
    expect(most).toBe(4)
  })
})
