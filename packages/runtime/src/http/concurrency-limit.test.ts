import { describe, expect, it } from 'vitest'
import { APIUserAbortError } from '../errors.js'
import { ConcurrencyLimit } from './concurrency-limit.js'

describe('ConcurrencyLimit', () => {
  it('grants free slots at once, then queues in order and hands each released slot on', async () => {
    const limit = new ConcurrencyLimit(1)
    expect(limit.acquire(undefined)).toBeUndefined()
    const order: string[] = []
    const second = limit.acquire(undefined)?.then(() => order.push('second'))
    const third = limit.acquire(undefined)?.then(() => order.push('third'))
    limit.release()
    await second
    limit.release()
    await third
    expect(order).toEqual(['second', 'third'])
    limit.release()
    expect(limit.acquire(undefined)).toBeUndefined()
  })

  it('drops an aborted waiter from the queue without taking a slot', async () => {
    const limit = new ConcurrencyLimit(1)
    limit.acquire(undefined)
    const controller = new AbortController()
    const aborted = limit.acquire(controller.signal)
    const next = limit.acquire(undefined)
    controller.abort()
    await expect(aborted).rejects.toBeInstanceOf(APIUserAbortError)
    limit.release()
    await expect(next).resolves.toBeUndefined()
  })
})
