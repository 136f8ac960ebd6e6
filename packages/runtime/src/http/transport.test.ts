import { inspect } from 'node:util'
import { jsonResponse, recordingFetch } from '@customer-groups/testing'
import { describe, expect, it } from 'vitest'
import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIUserAbortError,
  AuthenticationError,
  BadRequestError,
  InternalServerError,
  InvalidArgumentError,
  InvalidResponseError,
  RateLimitError,
} from '../errors/index.js'
import { type ClientSettings, createHttpClient } from './create-http-client.js'

type TestPaths = {
  '/things/{id}': {
    put: {
      parameters: { path: { id: string } }
      requestBody: { content: { 'application/json': { name: string } } }
      responses: { 200: { content: { 'application/json': { ok: boolean } } } }
    }
  }
}

const token = 'tok_SECRET_1234567890'

function client(fetch: ClientSettings['fetch'] | undefined, settings: ClientSettings = {}, extra = {}) {
  return createHttpClient<TestPaths>({
    spec: { provider: 'test', defaultBaseUrl: 'https://api.example.com' },
    settings: { baseUrl: 'http://127.0.0.1:9', ...(fetch !== undefined && { fetch }), ...settings },
    authHeaders: () => ({ Authorization: `Bearer ${token}` }),
    random: () => 0,
    ...extra,
  })
}

function put(http: ReturnType<typeof client>, options = {}) {
  return http.send<{ ok: boolean }>('put', options, (api, init) =>
    api.PUT('/things/{id}', { params: { path: { id: '1' } }, body: { name: 'x' }, ...init }),
  )
}

describe('createHttpClient', () => {
  it('sends auth and settings headers and returns the parsed body with metadata', async () => {
    const recorder = recordingFetch(() => jsonResponse(200, { ok: true }, { 'x-request-id': 'req-1' }))
    const result = await put(client(recorder.fetch, { headers: { 'X-Extra': 'yes' } }))
    expect(result.data).toEqual({ ok: true })
    expect(result.response).toMatchObject({ status: 200, attempts: 1, requestId: 'req-1' })
    const [request] = recorder.requests
    expect(request?.headers.get('authorization')).toBe(`Bearer ${token}`)
    expect(request?.headers.get('x-extra')).toBe('yes')
    expect(request?.url.href).toBe('http://127.0.0.1:9/things/1')
  })

  it('lets the credentials win over a settings header spelled differently, in send and in api alike', async () => {
    const recorder = recordingFetch(() => jsonResponse(200, { ok: true }))
    const http = client(recorder.fetch, { headers: { authorization: 'from settings', 'X-Extra': 'yes' } })
    await put(http)
    await http.api.PUT('/things/{id}', { params: { path: { id: '1' } }, body: { name: 'x' } })
    for (const request of recorder.requests) {
      expect(request.headers.get('authorization')).toBe(`Bearer ${token}`)
      expect(request.headers.get('x-extra')).toBe('yes')
    }
    expect(recorder.requests).toHaveLength(2)
  })

  it('retries 5xx and 429 with the same bytes, then succeeds', async () => {
    const statuses = [500, 429, 200]
    const recorder = recordingFetch((_, index) =>
      jsonResponse(statuses[index] ?? 200, { ok: true }, { 'retry-after-ms': '1' }),
    )
    const result = await put(client(recorder.fetch))
    expect(result.response.attempts).toBe(3)
    expect(new Set(recorder.requests.map((request) => request.body))).toEqual(new Set(['{"name":"x"}']))
  })

  it('gives up after maxRetries (per call overrides settings) with the last error', async () => {
    const recorder = recordingFetch(() => jsonResponse(503, { error: 'down' }, { 'retry-after': '0' }))
    await expect(put(client(recorder.fetch, { maxRetries: 5 }), { maxRetries: 1 })).rejects.toBeInstanceOf(
      InternalServerError,
    )
    expect(recorder.requests).toHaveLength(2)
  })

  it('never retries other 4xx', async () => {
    const recorder = recordingFetch(() => jsonResponse(400, { status: 400, error: 'bad' }))
    await expect(put(client(recorder.fetch))).rejects.toBeInstanceOf(BadRequestError)
    expect(recorder.requests).toHaveLength(1)
  })

  it('retries statuses a provider adds, such as 423', async () => {
    const recorder = recordingFetch((_, index) => jsonResponse(index === 0 ? 423 : 200, { ok: true }))
    const http = client(recorder.fetch, { maxRetries: 1 }, { extraRetryStatuses: [423], random: () => 1 })
    // No Retry-After: the first backoff is 0.5 s less the largest jitter (random() = 1 takes 25 % off), 375 ms.
    const started = Date.now()
    await expect(put(http)).resolves.toMatchObject({ response: { attempts: 2 } })
    expect(Date.now() - started).toBeGreaterThanOrEqual(300)
  })

  it('maps a 429 to RateLimitError carrying retryAfterMs', async () => {
    const recorder = recordingFetch(() => jsonResponse(429, { error: 'slow down' }, { 'retry-after': '7' }))
    const error = await put(client(recorder.fetch, { maxRetries: 0 })).catch((caught: unknown) => caught)
    expect(RateLimitError.isInstance(error)).toBe(true)
    expect((error as RateLimitError).retryAfterMs).toBe(7000)
  })

  it('turns unreadable success bodies into InvalidResponseError keeping the status', async () => {
    const bodies = [
      new Response('{"ok":', { status: 200, headers: { 'content-type': 'application/json' } }),
      new Response('<html>oops</html>', { status: 200, headers: { 'content-type': 'text/html' } }),
      new Response('', { status: 200, headers: { 'content-type': 'application/json' } }),
    ]
    for (const body of bodies) {
      const error = await put(client(async () => body)).catch((caught: unknown) => caught)
      expect(InvalidResponseError.isInstance(error)).toBe(true)
      expect((error as InvalidResponseError).status).toBe(200)
    }
  })

  it('caps the size of a response body', async () => {
    const huge = new Response(`{"pad":"${'x'.repeat(5000)}"}`, {
      headers: { 'content-type': 'application/json' },
    })
    const error = await put(client(async () => huge, { maxResponseBytes: 1000 })).catch(
      (caught: unknown) => caught,
    )
    expect(error).toBeInstanceOf(InvalidResponseError)
    expect((error as Error).message).toMatch(/size limit/)
  })

  it('keeps a non-JSON error body as truncated text', async () => {
    const html = `<html>${'x'.repeat(5000)}</html>`
    const error = await put(
      client(async () => new Response(html, { status: 401, headers: { 'content-type': 'text/html' } })),
    ).catch((caught: unknown) => caught)
    expect(AuthenticationError.isInstance(error)).toBe(true)
    expect(String((error as AuthenticationError).body).length).toBeLessThan(2100)
  })

  it('times out each attempt with APIConnectionTimeoutError', async () => {
    const hang = (_url: unknown, init?: RequestInit) =>
      new Promise<Response>((_, reject) =>
        init?.signal?.addEventListener('abort', () => reject(new Error('aborted'))),
      )
    const error = await put(client(hang, { timeoutMs: 20, maxRetries: 0 })).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(APIConnectionTimeoutError)
  })

  it("cancels at once on the caller's signal, also during a backoff sleep", async () => {
    const recorder = recordingFetch(() => jsonResponse(500, { error: 'x' }, { 'retry-after': '30' }))
    const controller = new AbortController()
    const pending = put(client(recorder.fetch), { signal: controller.signal })
    setTimeout(() => controller.abort(), 20)
    const started = Date.now()
    await expect(pending).rejects.toBeInstanceOf(APIUserAbortError)
    expect(Date.now() - started).toBeLessThan(1000)
    expect(recorder.requests).toHaveLength(1)
  })

  it('wraps network failures in APIConnectionError', async () => {
    const error = await put(
      client(
        async () => {
          throw new TypeError('fetch failed')
        },
        { maxRetries: 0 },
      ),
    ).catch((caught: unknown) => caught)
    expect(APIConnectionError.isInstance(error)).toBe(true)
  })

  it('queues requests beyond maxConcurrency', async () => {
    let inFlight = 0
    let peak = 0
    const slow = async () => {
      inFlight++
      peak = Math.max(peak, inFlight)
      await new Promise((resolve) => setTimeout(resolve, 10))
      inFlight--
      return jsonResponse(200, { ok: true })
    }
    const http = client(slow, { maxConcurrency: 2 })
    await Promise.all(Array.from({ length: 6 }, () => put(http)))
    expect(peak).toBe(2)
  })

  it('rejects bad settings before any request', () => {
    expect(() => client(undefined, { maxRetries: -1 })).toThrow(InvalidArgumentError)
    expect(() => client(undefined, { headers: { 'X-Bad': 'a\r\nInjected: 1' } })).toThrow(
      /control characters/,
    )
    expect(() => client(undefined, { baseUrl: 'http://example.com' })).toThrow(/https/)
  })

  it('never exposes the token in an error', async () => {
    const recorder = recordingFetch(() =>
      jsonResponse(
        401,
        { status: 401, error: 'no' },
        { authorization: `Bearer ${token}`, 'x-api-key': token },
      ),
    )
    const error = await put(client(recorder.fetch)).catch((caught: unknown) => caught)
    for (const view of [
      String(error),
      JSON.stringify(error),
      inspect(error, { depth: 5 }),
      (error as Error).stack,
    ]) {
      expect(view).not.toContain(token)
    }
    expect((error as AuthenticationError).headers['x-api-key']).toBe('***')
  })
})
