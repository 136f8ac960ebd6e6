import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  BadRequestError,
  InternalServerError,
  InvalidResponseError,
  RateLimitError,
} from '@customer-groups/runtime'
import { type Fault, startFaultServer } from '@customer-groups/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  entryOf,
  type ProviderName,
  providerNames,
  recordingLogger,
  successBodyOf,
  updateOnce,
} from './providers.js'

const unhandled: unknown[] = []
const onUnhandled = (reason: unknown) => unhandled.push(reason)
beforeAll(() => {
  process.on('unhandledRejection', onUnhandled)
})
afterAll(() => {
  process.off('unhandledRejection', onUnhandled)
  expect(unhandled).toEqual([])
})

type ErrorClass = { isInstance(value: unknown): boolean; name: string }

interface Scenario {
  name: string
  faults: (provider: ProviderName) => Fault[]
  settings?: { maxRetries?: number; timeoutMs?: number; maxResponseBytes?: number }
  /** `undefined`: the call succeeds. */
  error?: ErrorClass | ((provider: ProviderName) => ErrorClass | undefined)
  requests: number | ((provider: ProviderName) => number)
  /** Expected planned wait before each retry, as [min, max] milliseconds. */
  waits: [number, number][] | ((provider: ProviderName) => [number, number][])
  /** The error keeps the status and the start of the raw body. */
  keeps?: { status: number; bodyIncludes?: string }
}

const ok = (provider: ProviderName): Fault => ({ status: 200, body: successBodyOf(provider) })
/** Whether the provider's own entry names 423 among the statuses it retries. */
const retries423 = (provider: ProviderName) => entryOf(provider).retryStatuses?.includes(423) === true
// First backoff is 0.5 s less up to 25 % jitter, the second 1 s likewise.
const backoff1: [number, number] = [375, 500]
const backoff2: [number, number] = [750, 1000]
const html = '<!doctype html><html><body><h1>502 Bad Gateway</h1></body></html>'

const scenarios: Scenario[] = [
  {
    name: '429 with Retry-After in seconds, then success',
    faults: (p) => [{ status: 429, body: { error: 'slow down' }, headers: { 'retry-after': '1' } }, ok(p)],
    requests: 2,
    waits: [[1000, 1000]],
  },
  {
    name: '429 with Retry-After as an HTTP date, then success',
    faults: (p) => [
      {
        status: 429,
        body: { error: 'slow down' },
        headers: { 'retry-after': new Date(Date.now() + 2000).toUTCString() },
      },
      ok(p),
    ],
    requests: 2,
    waits: [[0, 2000]],
  },
  {
    name: '429 without Retry-After (the concurrency proxy), every time',
    faults: () => [0, 1, 2].map(() => ({ status: 429, body: 'Too Many Requests' })),
    requests: 3,
    waits: [backoff1, backoff2],
    error: RateLimitError,
  },
  {
    name: '500, 502, 503 in a row',
    faults: () => [
      { status: 500, body: { error: 'a' } },
      { status: 502, body: { error: 'b' } },
      { status: 503, body: { error: 'c' } },
    ],
    requests: 3,
    waits: [backoff1, backoff2],
    error: InternalServerError,
    keeps: { status: 503 },
  },
  {
    name: '503 then success',
    faults: (p) => [{ status: 503, body: { error: 'maintenance' }, headers: { 'retry-after': '0' } }, ok(p)],
    requests: 2,
    waits: [[0, 0]],
  },
  {
    name: '423 locked, then success (retried where the provider says 423 is worth another try)',
    faults: (p) => [{ status: 423, body: { error: 'locked' }, headers: { 'retry-after-ms': '20' } }, ok(p)],
    requests: (p) => (retries423(p) ? 2 : 1),
    waits: (p) => (retries423(p) ? [[20, 20]] : []),
    error: (p) => (retries423(p) ? undefined : APIError),
  },
  {
    name: 'connection reset every time',
    faults: () => [{ reset: true }, { reset: true }, { reset: true }],
    requests: 3,
    waits: [backoff1, backoff2],
    error: APIConnectionError,
  },
  {
    name: 'a hanging server',
    faults: () => [{ hang: true }, { hang: true }],
    // The fault server counts a request once its body has arrived: the limit must leave time to send
    // it on a machine whose cores are busy with other suites, or an attempt is never counted.
    settings: { timeoutMs: 1_000, maxRetries: 1 },
    requests: 2,
    waits: [backoff1],
    error: APIConnectionTimeoutError,
  },
  {
    name: 'malformed JSON on 200',
    faults: () => [{ status: 200, body: '{"data": {', headers: { 'content-type': 'application/json' } }],
    requests: 1,
    waits: [],
    error: InvalidResponseError,
    keeps: { status: 200, bodyIncludes: '{"data": {' },
  },
  {
    name: 'an HTML page on 200',
    faults: () => [{ status: 200, body: html, headers: { 'content-type': 'text/html' } }],
    requests: 1,
    waits: [],
    error: InvalidResponseError,
    keeps: { status: 200, bodyIncludes: 'Bad Gateway' },
  },
  {
    name: 'an HTML error page on 502, every time',
    faults: () =>
      [0, 1, 2].map(() => ({ status: 502, body: html, headers: { 'content-type': 'text/html' } })),
    requests: 3,
    waits: [backoff1, backoff2],
    error: InternalServerError,
    keeps: { status: 502, bodyIncludes: 'Bad Gateway' },
  },
  {
    name: 'an empty 200',
    faults: () => [{ status: 200, body: '', headers: { 'content-type': 'application/json' } }],
    requests: 1,
    waits: [],
    error: InvalidResponseError,
    keeps: { status: 200 },
  },
  {
    name: 'a body over the size cap',
    faults: () => [{ status: 200, body: { padding: 'x'.repeat(50_000) } }],
    settings: { maxResponseBytes: 10_000 },
    requests: 1,
    waits: [],
    error: InvalidResponseError,
    keeps: { status: 200 },
  },
  {
    name: 'JSON with the wrong content type',
    faults: (p) => [
      { status: 200, body: JSON.stringify(successBodyOf(p)), headers: { 'content-type': 'text/plain' } },
    ],
    requests: 1,
    waits: [],
    error: InvalidResponseError,
    keeps: { status: 200 },
  },
  {
    name: '400, never retried',
    faults: () => [{ status: 400, body: { error: 'bad' } }],
    requests: 1,
    waits: [],
    error: BadRequestError,
  },
  {
    name: '408, retried',
    faults: (p) => [{ status: 408, body: { error: 'timeout' }, headers: { 'retry-after': '0' } }, ok(p)],
    requests: 2,
    waits: [[0, 0]],
  },
]

const cases = scenarios.flatMap((scenario) =>
  providerNames.map((provider) => [scenario.name, provider, scenario] as const),
)

describe('fault matrix', () => {
  it.concurrent.each(cases)('%s → %s', async (_, provider, scenario) => {
    const server = await startFaultServer({
      faults: scenario.faults(provider),
      // Anything beyond the script is a failure the scenario did not expect.
      afterwards: { status: 418, body: { error: 'unscripted request' } },
    })
    const { logger, lines } = recordingLogger()
    try {
      const outcome = await updateOnce(provider, { baseUrl: server.url, logger, ...scenario.settings }).then(
        (body) => ({ body }),
        (error: unknown) => ({ error }),
      )
      const expectedError =
        typeof scenario.error === 'function' && !('isInstance' in scenario.error)
          ? scenario.error(provider)
          : (scenario.error as ErrorClass | undefined)
      if (expectedError === undefined) {
        expect(outcome).toEqual({ body: successBodyOf(provider) })
      } else {
        expect(
          'error' in outcome && expectedError.isInstance(outcome.error),
          `expected ${expectedError.name}`,
        ).toBe(true)
        const error = (outcome as { error: Error & { status?: number; body?: unknown } }).error
        expect(error.constructor.name).not.toBe('SyntaxError')
        expect(error.constructor.name).not.toBe('TypeError')
        if (scenario.keeps !== undefined) {
          expect(error.status).toBe(scenario.keeps.status)
          if (scenario.keeps.bodyIncludes !== undefined)
            expect(String(error.body)).toContain(scenario.keeps.bodyIncludes)
        }
      }
      const requests =
        typeof scenario.requests === 'function' ? scenario.requests(provider) : scenario.requests
      expect(server.requests).toHaveLength(requests)
      // Retries resend the very same bytes.
      expect(new Set(server.requests.map((request) => request.body)).size).toBe(1)
      const planned = lines
        .filter((line) => /retrying/.test(line.message))
        .map((line) => line.details?.delayMs as number)
      const waits = typeof scenario.waits === 'function' ? scenario.waits(provider) : scenario.waits
      expect(planned).toHaveLength(waits.length)
      planned.forEach((delay, index) => {
        const [min, max] = waits[index] ?? [0, 0]
        expect(delay).toBeGreaterThanOrEqual(min)
        expect(delay).toBeLessThanOrEqual(max)
        // The wait really happened between the two requests.
        const gap = (server.requests[index + 1]?.at ?? 0) - (server.requests[index]?.at ?? 0)
        expect(gap).toBeGreaterThanOrEqual(delay - 5)
      })
    } finally {
      await server.close()
    }
  })
})
