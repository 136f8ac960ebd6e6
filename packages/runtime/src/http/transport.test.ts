import { inspect } from 'node:util'
import { jsonResponse, recordingFetch } from '@customer-groups/testing'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createApiClient } from '../api.js'
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
  RedirectError,
} from '../errors.js'
import { putThing, testProtocol, testToken, testTransport } from '../test-provider.fixture.js'
import type { CallOptions, ClientSettings } from './client-settings.js'
import { createTransport } from './transport.js'

const shopCredential = { setting: 'shopKey', environmentVariable: 'CG_TEST_SHOP', securityScheme: 'shop' }

import type { AttemptInfo, ErrorInfo, ResponseInfo, RetryInfo } from './hooks.js'
import type { Logger } from './logger.js'

function put(settings: ClientSettings = {}, options: CallOptions = {}, params = { id: '1', name: 'x' }) {
  return putThing.send(testTransport(settings), params, options)
}

function recordingLogger() {
  const lines: { level: string; message: string; details: unknown }[] = []
  const at = (level: string) => (message: string, details?: unknown) =>
    lines.push({ level, message, details })
  const logger: Logger = { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') }
  return { logger, lines }
}

afterEach(() => {
  vi.unstubAllEnvs()
})

describe('the pipeline', () => {
  it('sends auth, settings headers and its User-Agent, and returns the checked body', async () => {
    const recorder = recordingFetch(() => jsonResponse(200, { ok: true }, { 'x-request-id': 'req-1' }))
    const { data, response } = await put({
      fetch: recorder.fetch,
      headers: { 'X-Extra': 'yes' },
    }).withResponse()
    expect(data).toEqual({ ok: true })
    expect(response).toMatchObject({ status: 200, attempts: 1, requestId: 'req-1' })
    expect(response.durationMs).toBeGreaterThanOrEqual(0)
    const [request] = recorder.requests
    expect(request?.headers.get('authorization')).toBe(`Bearer ${testToken}`)
    expect(request?.headers.get('x-extra')).toBe('yes')
    expect(request?.headers.get('user-agent')).toMatch(
      /^customer-groups-test\/1\.2\.3 \(node\/\d+\.\d+\.\d+\)$/,
    )
    expect(request?.url.href).toBe('http://127.0.0.1:9/things/1')
    expect(request?.body).toBe('{"name":"x"}')
  })

  it('awaited, a call gives the body alone; withResponse() gives the metadata too', async () => {
    const recorder = recordingFetch(() => jsonResponse(200, { ok: true }))
    await expect(put({ fetch: recorder.fetch })).resolves.toEqual({ ok: true })
    const promise = put({ fetch: recorder.fetch })
    expect(promise).toBeInstanceOf(Promise)
    await expect(promise.then((body) => body.ok)).resolves.toBe(true)
  })

  it('lets a User-Agent given in headers replace its own', async () => {
    const recorder = recordingFetch(() => jsonResponse(200, { ok: true }))
    await put({ fetch: recorder.fetch, headers: { 'User-Agent': 'my-app/2' } })
    await put({ fetch: recorder.fetch }, { headers: { 'user-agent': 'per-call/3' } })
    expect(recorder.requests.map((request) => request.headers.get('user-agent'))).toEqual([
      'my-app/2',
      'per-call/3',
    ])
  })

  it('lets the credential win over any header spelled like it, in operations and in api alike', async () => {
    const recorder = recordingFetch(() => jsonResponse(200, { ok: true }))
    const transport = testTransport({ fetch: recorder.fetch, headers: { authorization: 'from settings' } })
    await putThing.send(transport, { id: '1', name: 'x' }, { headers: { AUTHORIZATION: 'per call' } })
    await (
      createApiClient(transport) as never as { PUT: (path: string, init: object) => Promise<unknown> }
    ).PUT('/things/{id}', {
      params: { path: { id: '1' } },
      body: { name: 'x' },
      headers: { Authorization: 'api call' },
    })
    expect(recorder.requests.map((request) => request.headers.get('authorization'))).toEqual([
      `Bearer ${testToken}`,
      `Bearer ${testToken}`,
    ])
  })

  it("sends a call's own header fields only, the ones it checked, never one inherited from a prototype", async () => {
    const recorder = recordingFetch(() => jsonResponse(200, { ok: true }))
    const headers = Object.assign(Object.create({ 'x-inherited': 'not\r\nchecked' }), { 'X-Own': 'yes' })
    await put({ fetch: recorder.fetch }, { headers })
    const sent = recorder.requests[0]?.headers
    expect(sent?.get('x-own')).toBe('yes')
    expect(sent?.has('x-inherited')).toBe(false)
  })

  it('names a parameter called __proto__ (as JSON.parse makes one) as the unknown field it is', async () => {
    const recorder = recordingFetch(() => jsonResponse(200, { ok: true }))
    const params = JSON.parse('{"id":"1","name":"x","__proto__":{"evil":1}}')
    const error = await put({ fetch: recorder.fetch }, {}, params).catch((caught: unknown) => caught)
    expect(InvalidArgumentError.isInstance(error)).toBe(true)
    expect((error as InvalidArgumentError).issues.map((issue) => issue.field)).toEqual(['__proto__'])
    expect(recorder.requests).toEqual([])
  })

  it('puts query parameters in the query and splits the flat parameters by the facts', async () => {
    const recorder = recordingFetch(() => jsonResponse(200, { ok: true }))
    await put({ fetch: recorder.fetch }, {}, { id: 'a/../b', name: 'x', lang: 'cs' } as never)
    expect(recorder.requests[0]?.url.pathname).toBe('/things/a%2F..%2Fb')
    expect(recorder.requests[0]?.url.search).toBe('?lang=cs')
    expect(recorder.requests[0]?.body).toBe('{"name":"x"}')
  })

  it('refuses bad parameters before sending, naming each field and code', async () => {
    const recorder = recordingFetch(() => jsonResponse(200, { ok: true }))
    const error = await put({ fetch: recorder.fetch }, {}, {
      id: '..',
      name: '',
      colour: 1,
      lang: 'CZE',
    } as never).catch((caught: unknown) => caught)
    expect(InvalidArgumentError.isInstance(error)).toBe(true)
    expect((error as InvalidArgumentError).issues).toEqual([
      { field: 'lang', code: 'pattern', message: 'must match the pattern ^[a-z]{2}$' },
      { field: 'name', code: 'min-length', message: 'must have at least 1 character(s)' },
      { field: 'colour', code: 'unknown-field', message: 'is not a field of this request' },
      {
        field: 'id',
        code: 'invalid-path-segment',
        message: 'must not be "." or "..", which would change the URL path',
      },
    ])
    expect(recorder.requests).toHaveLength(0)
  })

  it('retries 5xx and 429 with the same bytes, then succeeds', async () => {
    const statuses = [500, 429, 200]
    const recorder = recordingFetch((_, index) =>
      jsonResponse(statuses[index] ?? 200, { ok: true }, { 'retry-after-ms': '1' }),
    )
    const { response } = await put({ fetch: recorder.fetch }).withResponse()
    expect(response.attempts).toBe(3)
    expect(new Set(recorder.requests.map((request) => request.body))).toEqual(new Set(['{"name":"x"}']))
  })

  it('gives up after maxRetries (per call overrides settings) with the last error and its attempts', async () => {
    const recorder = recordingFetch(() => jsonResponse(503, { error: 'down' }, { 'retry-after': '0' }))
    const error = await put({ fetch: recorder.fetch, maxRetries: 5 }, { maxRetries: 1 }).catch(
      (caught: unknown) => caught,
    )
    expect(InternalServerError.isInstance(error)).toBe(true)
    expect((error as InternalServerError).attempts).toBe(2)
    expect((error as InternalServerError).elapsedMs).toBeGreaterThanOrEqual(0)
    expect((error as Error).message).toMatch(/^test answered 503: down \(after 2 attempts in \d+\.\d s\)$/)
    expect(recorder.requests).toHaveLength(2)
  })

  it('never retries other 4xx', async () => {
    const recorder = recordingFetch(() => jsonResponse(400, { error: 'bad' }))
    await expect(put({ fetch: recorder.fetch })).rejects.toBeInstanceOf(BadRequestError)
    expect(recorder.requests).toHaveLength(1)
  })

  it('asks shouldRetry after each failure, with the error and the attempt', async () => {
    const recorder = recordingFetch(() => jsonResponse(400, { error: 'bad' }))
    const seen: [string, number][] = []
    const error = await put(
      {
        fetch: recorder.fetch,
        maxRetries: 3,
        retry: {
          initialDelayMs: 0,
          shouldRetry: ({ error: failed, attempt }) => {
            seen.push([failed.name, attempt])
            return attempt < 3
          },
        },
      },
      {},
    ).catch((caught: unknown) => caught)
    expect(BadRequestError.isInstance(error)).toBe(true)
    expect(seen).toEqual([
      ['BadRequestError', 1],
      ['BadRequestError', 2],
      ['BadRequestError', 3],
    ])
    expect(recorder.requests).toHaveLength(3)
  })

  it('backs off from initialDelayMs, doubling up to maxDelayMs', async () => {
    const recorder = recordingFetch(() => jsonResponse(500, { error: 'x' }))
    const waits: number[] = []
    await put({
      fetch: recorder.fetch,
      maxRetries: 4,
      retry: { initialDelayMs: 2, maxDelayMs: 5 },
      hooks: { onRetry: (info) => waits.push(info.delayMs) },
    }).catch(() => undefined)
    // random() is 0 in these tests: no jitter.
    expect(waits).toEqual([2, 4, 5, 5])
  })

  it('does not wait for a Retry-After longer than a minute: the error carries it instead', async () => {
    const recorder = recordingFetch(() => jsonResponse(429, { error: 'later' }, { 'retry-after': '3600' }))
    const error = await put({ fetch: recorder.fetch }).catch((caught: unknown) => caught)
    expect(RateLimitError.isInstance(error)).toBe(true)
    expect((error as RateLimitError).retryAfterMs).toBe(3_600_000)
    expect(recorder.requests).toHaveLength(1)
  })

  it('maps a 429 to RateLimitError carrying retryAfterMs', async () => {
    const recorder = recordingFetch(() => jsonResponse(429, { error: 'slow down' }, { 'retry-after': '7' }))
    const error = await put({ fetch: recorder.fetch, maxRetries: 0 }).catch((caught: unknown) => caught)
    expect(RateLimitError.isInstance(error)).toBe(true)
    expect((error as RateLimitError).retryAfterMs).toBe(7000)
  })

  it('turns unusable success bodies into InvalidResponseError keeping the status', async () => {
    const bodies: [Response, RegExp][] = [
      [new Response('{"ok":', { headers: { 'content-type': 'application/json' } }), /malformed JSON/],
      [new Response('<html>oops</html>', { headers: { 'content-type': 'text/html' } }), /content type/],
      [new Response('', { headers: { 'content-type': 'application/json' } }), /empty body/],
      [jsonResponse(200, { ok: 'yes' }), /does not match the spec: ok must be true or false/],
      [jsonResponse(200, null), /does not match the spec: body must be a plain object/],
      [jsonResponse(201, { ok: true }), /status 201, which the spec does not list for putThing/],
    ]
    for (const [body, reason] of bodies) {
      const error = await put({ fetch: async () => body }).catch((caught: unknown) => caught)
      expect(InvalidResponseError.isInstance(error)).toBe(true)
      expect((error as InvalidResponseError).reason).toMatch(reason)
      expect((error as InvalidResponseError).status).toBe(body.status)
    }
  })

  it('caps the size of a response body, counted after decompression', async () => {
    const huge = new Response(`{"pad":"${'x'.repeat(5000)}"}`, {
      headers: { 'content-type': 'application/json' },
    })
    const error = await put({ fetch: async () => huge, maxResponseBytes: 1000 }).catch(
      (caught: unknown) => caught,
    )
    expect(error).toBeInstanceOf(InvalidResponseError)
    expect((error as Error).message).toMatch(/size limit of 1000 bytes/)
  })

  it('keeps a non-JSON error body as cut text', async () => {
    const html = `<html>${'x'.repeat(5000)}</html>`
    const error = await put({
      fetch: async () => new Response(html, { status: 401, headers: { 'content-type': 'text/html' } }),
    }).catch((caught: unknown) => caught)
    expect(AuthenticationError.isInstance(error)).toBe(true)
    expect(String((error as AuthenticationError).body).length).toBeLessThan(2100)
  })

  it('refuses every redirect, naming the status and the target origin only', async () => {
    for (const status of [301, 302, 303, 307, 308]) {
      const recorder = recordingFetch(
        () =>
          new Response(null, { status, headers: { location: 'https://evil.example:8443/steal?token=abc' } }),
      )
      const error = await put({ fetch: recorder.fetch }).catch((caught: unknown) => caught)
      expect(RedirectError.isInstance(error)).toBe(true)
      expect(error).toMatchObject({ status, targetOrigin: 'https://evil.example:8443' })
      expect((error as Error).message).not.toContain('steal')
      expect(recorder.requests).toHaveLength(1)
    }
  })

  it('asks fetch not to follow redirects', async () => {
    let redirect: RequestRedirect | undefined
    await put({
      fetch: async (_url, init) => {
        redirect = init?.redirect
        return jsonResponse(200, { ok: true })
      },
    })
    expect(redirect).toBe('manual')
  })

  it('times out each attempt with APIConnectionTimeoutError, saying how many attempts were made', async () => {
    const hang = (_url: unknown, init?: RequestInit) =>
      new Promise<Response>((_, reject) =>
        init?.signal?.addEventListener('abort', () => reject(new Error('aborted'))),
      )
    const error = await put({
      fetch: hang,
      timeoutMs: 20,
      maxRetries: 1,
      retry: { initialDelayMs: 0 },
    }).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(APIConnectionTimeoutError)
    expect((error as APIConnectionTimeoutError).attempts).toBe(2)
    expect((error as Error).message).toMatch(/did not answer within 20 ms \(after 2 attempts in/)
  })

  it("cancels at once on the caller's signal, also during a backoff sleep", async () => {
    const recorder = recordingFetch(() => jsonResponse(500, { error: 'x' }, { 'retry-after': '30' }))
    const controller = new AbortController()
    const pending = put({ fetch: recorder.fetch }, { signal: controller.signal })
    setTimeout(() => controller.abort(), 20)
    const started = Date.now()
    await expect(pending).rejects.toBeInstanceOf(APIUserAbortError)
    // Waiting out the 30 s backoff would take 30 s; a third of it leaves room for a very busy machine.
    expect(Date.now() - started).toBeLessThan(10_000)
    expect(recorder.requests).toHaveLength(1)
  })

  it('follows one shared signal with one listener, however many calls share it', async () => {
    const controller = new AbortController()
    const added = vi.spyOn(controller.signal, 'addEventListener')
    const warnings: string[] = []
    const onWarning = (warning: Error) => warnings.push(warning.name)
    process.on('warning', onWarning)
    const transport = testTransport({
      fetch: (_url, init) =>
        new Promise<Response>((_, reject) =>
          init?.signal?.addEventListener('abort', () => reject(new Error('aborted'))),
        ),
      maxConcurrency: 50,
    })
    const calls = Array.from({ length: 30 }, () =>
      putThing.send(transport, { id: '1', name: 'x' }, { signal: controller.signal }).catch((error) => error),
    )
    await new Promise((resolve) => setTimeout(resolve, 10))
    controller.abort()
    const errors = await Promise.all(calls)
    await new Promise((resolve) => setImmediate(resolve))
    process.off('warning', onWarning)
    expect(errors.every((error) => APIUserAbortError.isInstance(error))).toBe(true)
    expect(added).toHaveBeenCalledTimes(1)
    expect(warnings).not.toContain('MaxListenersExceededWarning')
  })

  it('wraps network failures in APIConnectionError', async () => {
    const error = await put({
      fetch: async () => {
        throw new TypeError('fetch failed')
      },
      maxRetries: 0,
    }).catch((caught: unknown) => caught)
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
    const transport = testTransport({ fetch: slow, maxConcurrency: 2 })
    await Promise.all(Array.from({ length: 6 }, () => putThing.send(transport, { id: '1', name: 'x' })))
    expect(peak).toBe(2)
  })

  it('rejects bad settings before any request', () => {
    expect(() => testTransport({ maxRetries: -1 })).toThrow(InvalidArgumentError)
    expect(() => testTransport({ headers: { 'X-Bad': 'a\r\nInjected: 1' } })).toThrow(/line breaks/)
    expect(() => testTransport({ baseUrl: 'http://example.com' })).toThrow(/https/)
    expect(() => testTransport({ timeoutMs: 2 ** 31 })).toThrow(/timeoutMs: must be at most 2147483647/)
    expect(() => testTransport({ apiKey: '' })).toThrow(/apiKey: is empty/)
  })

  it('never exposes the token in an error', async () => {
    const recorder = recordingFetch(() =>
      jsonResponse(401, { error: 'no' }, { authorization: `Bearer ${testToken}`, 'x-api-key': testToken }),
    )
    const error = await put({ fetch: recorder.fetch }).catch((caught: unknown) => caught)
    for (const view of [
      String(error),
      JSON.stringify(error),
      inspect(error, { depth: 5 }),
      (error as Error).stack,
    ]) {
      expect(view).not.toContain(testToken)
    }
    expect((error as AuthenticationError).headers['x-api-key']).toBe('***')
  })
})

describe('logging', () => {
  it('writes a debug line per attempt with method, redacted URL, attempt, status, duration and request id', async () => {
    const { logger, lines } = recordingLogger()
    const statuses = [503, 200]
    const recorder = recordingFetch((_, index) =>
      jsonResponse(
        statuses[index] ?? 200,
        { ok: true },
        { 'x-request-id': `req-${index}`, 'retry-after-ms': '1' },
      ),
    )
    await put({ fetch: recorder.fetch, logger, logLevel: 'debug' })
    const messages = lines.map((line) => `${line.level} ${line.message}`)
    expect(messages[0]).toMatch(
      /^debug test: PUT http:\/\/127\.0\.0\.1:9\/things\/1 attempt 1 → 503 in \d+ ms \[request req-0\]$/,
    )
    expect(messages[1]).toMatch(
      /^info test: PUT .* attempt 1 failed \(InternalServerError\); retrying in 1 ms$/,
    )
    expect(messages[2]).toMatch(/^debug test: PUT .* attempt 2 → 200 in \d+ ms \[request req-1\]$/)
    expect(JSON.stringify(lines)).not.toContain(testToken)
    expect(JSON.stringify(lines)).toContain('"authorization":"***"')
  })

  it('writes nothing below the level, and reads the level from CUSTOMER_GROUPS_LOG', async () => {
    const recorder = recordingFetch(() => jsonResponse(200, { ok: true }))
    const quiet = recordingLogger()
    await put({ fetch: recorder.fetch, logger: quiet.logger, logLevel: 'warn' })
    expect(quiet.lines).toEqual([])
    vi.stubEnv('CUSTOMER_GROUPS_LOG', 'debug')
    const loud = recordingLogger()
    await putThing.send(testTransport({ fetch: recorder.fetch, logger: loud.logger, logLevel: undefined }), {
      id: '1',
      name: 'x',
    })
    expect(loud.lines.map((line) => line.level)).toEqual(['debug'])
  })

  it('redacts query values that are secrets', async () => {
    const { logger, lines } = recordingLogger()
    const recorder = recordingFetch(() => jsonResponse(200, []))
    const transport = testTransport({ fetch: recorder.fetch, logger, logLevel: 'debug' })
    await (createApiClient(transport) as never as { GET: (path: string) => Promise<unknown> }).GET(
      '/things?api_key=sekret-value-123&lang=cs',
    )
    expect(lines[0]?.message).toContain('api_key=***&lang=cs')
    expect(JSON.stringify(lines)).not.toContain('sekret-value-123')
  })

  it("masks every credential header of the provider's spec, whatever its name says", async () => {
    // `X-Shop` does not say it is a secret; the spec's security scheme does.
    const protocol = {
      ...testProtocol,
      entry: { ...testProtocol.entry, credentials: [{ ...shopCredential }] },
      spec: { ...testProtocol.spec, securitySchemes: { shop: { header: 'X-Shop', prefix: '' } } },
    }
    // A server that answers with another value in that header (a rotated token): masked by its name.
    const recorder = recordingFetch(() =>
      jsonResponse(500, { error: 'down' }, { 'x-shop': 'rotated-token-999', 'x-other': 'rotated-token-999' }),
    )
    const seen: AttemptInfo[] = []
    const transport = createTransport<object>(protocol, {
      shopKey: 'abc',
      baseUrl: 'http://127.0.0.1:9',
      fetch: recorder.fetch,
      maxRetries: 0,
      logLevel: 'off',
      hooks: { onRequest: (info) => seen.push(info) },
    } as ClientSettings)
    const error = await putThing.send(transport, { id: '1', name: 'x' }).catch((caught: unknown) => caught)
    expect(recorder.requests[0]?.headers.get('x-shop')).toBe('abc')
    expect(seen[0]?.headers['x-shop']).toBe('***')
    const { headers } = error as { headers: Record<string, string> }
    expect(headers['x-shop']).toBe('***')
    expect(headers['x-other']).toBe('rotated-token-999')
  })
})

describe('hooks', () => {
  it('tell every attempt, retry and the final failure, redacted', async () => {
    const events: string[] = []
    const seen: (AttemptInfo | ResponseInfo | RetryInfo | ErrorInfo)[] = []
    const recorder = recordingFetch(() => jsonResponse(500, { error: 'down' }, { 'retry-after-ms': '1' }))
    await put({
      fetch: recorder.fetch,
      maxRetries: 1,
      hooks: {
        onRequest: (info) => {
          events.push(`request ${info.attempt}`)
          seen.push(info)
        },
        onResponse: (info) => events.push(`response ${info.attempt} ${info.status}`),
        onRetry: (info) => events.push(`retry ${info.attempt} ${info.error.name} ${info.delayMs}`),
        onError: (info) => {
          events.push(`error ${info.attempt} ${info.error.name}`)
          seen.push(info)
        },
      },
    }).catch(() => undefined)
    expect(events).toEqual([
      'request 1',
      'response 1 500',
      'retry 1 InternalServerError 1',
      'request 2',
      'response 2 500',
      'error 2 InternalServerError',
    ])
    expect(seen[0]).toMatchObject({ provider: 'test', operation: 'putThing', method: 'PUT' })
    expect(seen[0]?.callId).toBe(seen[1]?.callId)
    expect(JSON.stringify(seen)).not.toContain(testToken)
  })

  it('fire for the openapi-fetch client too, and a hook that throws never fails the call', async () => {
    const events: string[] = []
    const { logger, lines } = recordingLogger()
    const recorder = recordingFetch(() => jsonResponse(200, { ok: true }))
    const transport = testTransport({
      fetch: recorder.fetch,
      logger,
      logLevel: 'warn',
      hooks: {
        onRequest: (info) => {
          events.push(`${info.operation} ${info.method}`)
          throw new Error('broken hook')
        },
      },
    })
    const api = createApiClient(transport) as never as {
      PUT: (path: string, init: object) => Promise<{ data: unknown }>
    }
    const result = await api.PUT('/things/{id}', { params: { path: { id: '1' } }, body: { name: 'x' } })
    expect(result.data).toEqual({ ok: true })
    expect(events).toEqual(['api PUT'])
    expect(lines[0]?.message).toMatch(/onRequest hook threw/)
  })
})

describe('the openapi-fetch client (./api)', () => {
  it('goes through the same retries, limits and redirect refusal', async () => {
    const statuses = [503, 200]
    const recorder = recordingFetch((_, index) => jsonResponse(statuses[index] ?? 200, { ok: true }))
    const transport = testTransport({ fetch: recorder.fetch, retry: { initialDelayMs: 0 } })
    const api = createApiClient(transport) as never as {
      PUT: (path: string, init: object) => Promise<{ data: unknown }>
    }
    await expect(
      api.PUT('/things/{id}', { params: { path: { id: '1' } }, body: { name: 'x' } }),
    ).resolves.toMatchObject({
      data: { ok: true },
    })
    expect(recorder.requests).toHaveLength(2)
    expect(recorder.requests.map((request) => request.body)).toEqual(['{"name":"x"}', '{"name":"x"}'])

    const redirecting = testTransport({
      fetch: async () =>
        new Response(null, { status: 302, headers: { location: 'http://elsewhere.example/' } }),
    })
    const redirectApi = createApiClient(redirecting) as never as { GET: (path: string) => Promise<unknown> }
    await expect(redirectApi.GET('/things')).rejects.toBeInstanceOf(RedirectError)
  })

  it('answers an error status with { error }, as openapi-fetch does', async () => {
    const recorder = recordingFetch(() => jsonResponse(404, { error: 'nope' }))
    const api = createApiClient(testTransport({ fetch: recorder.fetch })) as never as {
      GET: (path: string) => Promise<{ error?: unknown; response: Response }>
    }
    const result = await api.GET('/things/1')
    expect(result.error).toEqual({ error: 'nope' })
    expect(result.response.status).toBe(404)
  })

  it("masks a secret header's value given through it wherever a server echoes it, as a call's own headers are", async () => {
    const secret = 'x-auth-token-VALUE-1234'
    const recorder = recordingFetch(() => jsonResponse(400, { echo: `you sent ${secret}` }))
    const api = createApiClient({ transport: testTransport({ fetch: recorder.fetch }) }) as never as {
      GET: (path: string, init: object) => Promise<{ error?: unknown }>
    }
    const result = await api.GET('/things/1', { headers: { 'X-Auth-Token': secret } })
    expect(recorder.requests[0]?.headers.get('x-auth-token')).toBe(secret)
    expect(result.error).toEqual({ echo: 'you sent ***' })
  })

  it("checks a request's headers as a call's own headers, naming every bad one", async () => {
    const recorder = recordingFetch(() => jsonResponse(200, { ok: true }))
    const api = createApiClient(testTransport({ fetch: recorder.fetch })) as never as {
      GET: (path: string, init: object) => Promise<unknown>
    }
    const error = await api
      .GET('/things/1', { headers: { Host: 'elsewhere', 'Content-Length': '1' } })
      .catch((caught: unknown) => caught)
    expect(InvalidArgumentError.isInstance(error)).toBe(true)
    expect((error as InvalidArgumentError).issues.map((issue) => issue.field).sort()).toEqual([
      'headers.content-length',
      'headers.host',
    ])
    expect((error as Error).message).toMatch(/for test\.api:/)
    expect(recorder.requests).toEqual([])
  })

  it('reads the base URL at each call, so an environment change is seen', async () => {
    const recorder = recordingFetch(() => jsonResponse(200, { ok: true }))
    const transport = testTransport({ fetch: recorder.fetch, baseUrl: undefined })
    const api = createApiClient(transport) as never as { GET: (path: string) => Promise<unknown> }
    vi.stubEnv('CG_TEST_BASE_URL', 'http://127.0.0.1:1111')
    await api.GET('/things')
    vi.stubEnv('CG_TEST_BASE_URL', 'http://127.0.0.1:2222')
    await api.GET('/things')
    expect(recorder.requests.map((request) => request.url.origin)).toEqual([
      'http://127.0.0.1:1111',
      'http://127.0.0.1:2222',
    ])
  })
})
