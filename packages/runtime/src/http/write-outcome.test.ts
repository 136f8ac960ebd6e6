import { jsonResponse, recordingFetch } from '@customer-groups/testing'
import { describe, expect, it } from 'vitest'
import {
  APIConnectionError,
  APIUserAbortError,
  type CustomerGroupsError,
  InvalidArgumentError,
} from '../errors.js'
import { postThing, putThing, testTransport } from '../test-provider.fixture.js'
import type { ClientSettings, Fetch } from './client-settings.js'

// Every failed request says whether it may have taken effect, and a create (POST) is sent again only
// when it provably did not: a retried create whose first answer was lost makes a second group.

/** A `fetch` that fails as undici does, with the system error as the cause. */
const failingWith =
  (code: string): Fetch =>
  async () => {
    throw new TypeError('fetch failed', { cause: Object.assign(new Error(code), { code }) })
  }

const fast: ClientSettings = { maxRetries: 2, retry: { initialDelayMs: 0, maxDelayMs: 0 } }

async function attempt(
  method: 'POST' | 'PUT',
  settings: ClientSettings,
): Promise<{ error: CustomerGroupsError | undefined; requests: number }> {
  let requests = 0
  const counting: Fetch = (input, init) => {
    requests++
    return (settings.fetch as Fetch)(input, init)
  }
  const transport = testTransport({ ...fast, ...settings, fetch: counting })
  const sent =
    method === 'POST'
      ? postThing.send(transport, { name: 'x' })
      : putThing.send(transport, { id: '1', name: 'x' })
  const error = await sent.then(
    () => undefined,
    (caught: unknown) => caught as CustomerGroupsError,
  )
  return { error, requests }
}

const answering = (status: number, headers: Record<string, string> = {}) =>
  recordingFetch(() => jsonResponse(status, { error: 'no' }, headers)).fetch

describe('the outcome of a failed request', () => {
  it.each([
    ['400', 'failed', answering(400)],
    ['401', 'failed', answering(401)],
    ['409', 'failed', answering(409)],
    ['422', 'failed', answering(422)],
    ['429', 'failed', answering(429, { 'retry-after-ms': '0' })],
    ['500', 'unknown', answering(500)],
    ['502', 'unknown', answering(502)],
    ['503 without Retry-After', 'unknown', answering(503)],
    ['503 with Retry-After', 'failed', answering(503, { 'retry-after': '0' })],
    ['a connection refused', 'failed', failingWith('ECONNREFUSED')],
    ['a name that does not resolve', 'failed', failingWith('ENOTFOUND')],
    ['a connection reset', 'unknown', failingWith('ECONNRESET')],
    [
      'a failure without a cause',
      'unknown',
      (async () => Promise.reject(new TypeError('fetch failed'))) as Fetch,
    ],
  ])('after %s is %s', async (_, outcome, fetch) => {
    const { error } = await attempt('PUT', { fetch, maxRetries: 0 })
    expect(error?.outcome).toBe(outcome)
  })

  it('is unknown for a success whose body cannot be read or is over the cap', async () => {
    const malformed = recordingFetch(
      () => new Response('{"ok":', { status: 200, headers: { 'content-type': 'application/json' } }),
    ).fetch
    expect((await attempt('PUT', { fetch: malformed })).error?.outcome).toBe('unknown')
    const big = recordingFetch(() => jsonResponse(200, { ok: true, padding: 'x'.repeat(5000) })).fetch
    expect((await attempt('PUT', { fetch: big, maxResponseBytes: 1000 })).error?.outcome).toBe('unknown')
  })

  it('is unknown after a timeout, and after an abort in flight; failed for an abort before sending', async () => {
    const hang: Fetch = (_url, init) =>
      new Promise((_, reject) => init?.signal?.addEventListener('abort', () => reject(new Error('aborted'))))
    expect((await attempt('PUT', { fetch: hang, timeoutMs: 10, maxRetries: 0 })).error?.outcome).toBe(
      'unknown',
    )
    const controller = new AbortController()
    const inFlight = putThing.send(
      testTransport({ fetch: hang }),
      { id: '1', name: 'x' },
      { signal: controller.signal },
    )
    setTimeout(() => controller.abort(), 5)
    const aborted = await inFlight.catch((caught: unknown) => caught as CustomerGroupsError)
    expect(APIUserAbortError.isInstance(aborted) && aborted.outcome).toBe('unknown')
    const before = await putThing
      .send(testTransport({ fetch: hang }), { id: '1', name: 'x' }, { signal: AbortSignal.abort() })
      .catch((caught: unknown) => caught as CustomerGroupsError)
    expect(APIUserAbortError.isInstance(before) && before.outcome).toBe('failed')
  })

  it('stays unknown when a later attempt is refused: the earlier one may have taken effect', async () => {
    const statuses = [502, 404]
    const fetch = recordingFetch((_, index) => jsonResponse(statuses[index] ?? 404, { error: 'x' })).fetch
    const { error, requests } = await attempt('PUT', { fetch })
    expect(requests).toBe(2)
    expect(error?.outcome).toBe('unknown')
  })

  it('is failed for bad input, caught before sending', async () => {
    const error = await putThing
      .send(testTransport({ fetch: answering(200) }), { id: '', name: 'x' })
      .catch((caught: unknown) => caught)
    expect(InvalidArgumentError.isInstance(error) && error.outcome).toBe('failed')
  })
})

describe('retries by what is safe', () => {
  it.each([
    ['a connection reset', 3, 1, failingWith('ECONNRESET')],
    ['a 500', 3, 1, answering(500)],
    ['a 502', 3, 1, answering(502)],
    ['a 503 without Retry-After', 3, 1, answering(503)],
    ['a 409', 3, 1, answering(409)],
    ['a 408', 3, 1, answering(408, { 'retry-after': '0' })],
    ['a connection refused', 3, 3, failingWith('ECONNREFUSED')],
    ['a name that does not resolve', 3, 3, failingWith('EAI_AGAIN')],
    ['a 429', 3, 3, answering(429, { 'retry-after': '0' })],
    ['a 503 with Retry-After', 3, 3, answering(503, { 'retry-after': '0' })],
  ])('after %s: a PUT is sent %i times, a POST %i', async (_, put, post, fetch) => {
    expect((await attempt('PUT', { fetch })).requests).toBe(put)
    expect((await attempt('POST', { fetch })).requests).toBe(post)
  })

  it('never resends a POST after a timeout', async () => {
    const hang: Fetch = (_url, init) =>
      new Promise((_, reject) => init?.signal?.addEventListener('abort', () => reject(new Error('aborted'))))
    const { error, requests } = await attempt('POST', { fetch: hang, timeoutMs: 10 })
    expect(requests).toBe(1)
    expect(APIConnectionError.isInstance(error) && error.outcome).toBe('unknown')
  })

  it('lets your own shouldRetry decide, also for a POST', async () => {
    const { requests } = await attempt('POST', {
      fetch: answering(500),
      retry: { initialDelayMs: 0, shouldRetry: () => true },
    })
    expect(requests).toBe(3)
  })
})
