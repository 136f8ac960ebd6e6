import { type APIError, InvalidArgumentError } from '@customer-groups/runtime'
import { type FaultServer, startFaultServer } from '@customer-groups/testing'
import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  apiOf,
  createClient,
  entryOf,
  kitOf,
  operationOf,
  providerNames,
  recordingLogger,
  sampleIdOf,
  secretOf,
  successBodyOf,
  updateOnce,
  updateParams,
} from './providers.js'
import { cliEnv, runCli } from './run-cli.js'

// A careless caller and a careless server: every rule is enforced before anything is sent, or
// bounds what a bad answer can do, and is told in a typed error that never echoes a secret.

const servers: FaultServer[] = []
afterEach(async () => {
  vi.unstubAllEnvs()
  await Promise.all(servers.splice(0).map((server) => server.close()))
})

async function serve(status: number, body: unknown, headers: Record<string, string> = {}) {
  const server = await startFaultServer({ faults: [], afterwards: { status, body, headers } })
  servers.push(server)
  return server
}

/** The issues of an InvalidArgumentError, or a failure that says what came instead. */
function issuesOf(error: unknown) {
  expect(InvalidArgumentError.isInstance(error), String(error)).toBe(true)
  return (error as InvalidArgumentError).issues
}

describe.each(providerNames)('%s: credentials', (provider) => {
  const entry = entryOf(provider)

  it.each(entry.credentials.map((credential) => credential.setting))(
    'a %s given in code wins over every credential in the environment',
    async (setting) => {
      const server = await serve(200, successBodyOf(provider))
      for (const credential of entry.credentials)
        vi.stubEnv(credential.environmentVariable, `env-${credential.setting}-value`)
      const explicit = `code-${setting}-value`
      const client = createClient(provider, {
        baseUrl: server.url,
        [entry.credentials[0]?.setting as string]: undefined,
        [setting]: explicit,
      })
      await client.transport.send(
        { operation: 'probe', method: 'GET', path: '/', responses: { 200: null } },
        undefined,
      )
      const sent = JSON.stringify(server.requests[0]?.headers)
      expect(sent).toContain(explicit)
      expect(sent).not.toContain('env-')
    },
  )

  it.each(entry.credentials.map((credential) => credential.setting))(
    'an empty %s is refused, not sent',
    (setting) => {
      expect(() => createClient(provider, { [setting]: '' })).toThrow(`${setting}: is empty`)
    },
  )

  it.each(['tok\u0085en-value', 'tok\u0100en-value', 'tok\u2028en-value', 'token value', 'tok\r\nen-value'])(
    'a token holding %j is refused once, at creation or at the call that reads it, never echoed or retried',
    async (bad) => {
      const setting = entry.credentials[0]?.setting as string
      let created: unknown
      try {
        createClient(provider, { [setting]: bad })
      } catch (error) {
        created = error
      }
      expect(issuesOf(created)).toEqual([expect.objectContaining({ field: setting, code: 'invalid-header' })])
      expect(String(created)).not.toContain(bad)

      const server = await serve(200, successBodyOf(provider))
      vi.stubEnv(entry.credentials[0]?.environmentVariable as string, bad)
      const fromEnvironment = createClient(provider, {
        baseUrl: server.url,
        [setting]: undefined,
        maxRetries: 3,
      })
      const error = await updateOnce(provider, {
        baseUrl: server.url,
        [setting]: undefined,
        maxRetries: 3,
      }).catch((caught: unknown) => caught)
      expect(fromEnvironment).toBeDefined()
      expect(issuesOf(error)[0]).toMatchObject({
        field: entry.credentials[0]?.environmentVariable,
        code: 'invalid-header',
      })
      expect(server.requests).toEqual([])
    },
  )
})

describe.each(providerNames)('%s: settings and call options', (provider) => {
  it.each(['https://api.example.com/v1?', 'https://api.example.com/v1#', 'https://api.example.com/?x=1'])(
    'a base URL %j is refused, in settings and from the environment',
    async (url) => {
      expect(() => createClient(provider, { baseUrl: url })).toThrow(
        /baseUrl: must not have a query or a fragment/,
      )
      vi.stubEnv(entryOf(provider).baseUrlVariable, url)
      const error = await updateOnce(provider, { baseUrl: undefined }).catch((caught: unknown) => caught)
      expect(issuesOf(error)[0]).toMatchObject({
        field: entryOf(provider).baseUrlVariable,
        code: 'invalid-url',
      })
    },
  )

  it('a timeoutMs above 2^31 - 1 is refused, in settings and per call', async () => {
    expect(() => createClient(provider, { timeoutMs: 2 ** 31 })).toThrow(
      /timeoutMs: must be at most 2147483647/,
    )
    const client = createClient(provider, { baseUrl: 'http://127.0.0.1:9' })
    const error = await client.transport
      .send(
        { operation: 'probe', method: 'GET', path: '/', responses: { 200: null } },
        { timeoutMs: 2 ** 40 },
      )
      .catch((caught: unknown) => caught)
    expect(issuesOf(error)[0]).toMatchObject({ field: 'timeoutMs', code: 'maximum' })
  })

  it.each([
    'Content-Length',
    'Transfer-Encoding',
    'Host',
    'Connection',
    'Keep-Alive',
    'Upgrade',
    'TE',
    'Trailer',
  ])(
    'a %s header is refused in settings, per call and through client.api, and nothing is sent',
    async (name) => {
      expect(() => createClient(provider, { headers: { [name]: '1' } })).toThrow(
        /set by the HTTP client itself/,
      )
      const server = await serve(200, successBodyOf(provider))
      const client = createClient(provider, { baseUrl: server.url })
      const perCall = await operationOf(provider, 'updateCustomerGroup')
        ?.send(client.transport, updateParams(provider), { headers: { [name]: '1' } })
        .catch((caught: unknown) => caught)
      expect(issuesOf(perCall)[0]).toMatchObject({ field: `headers.${name}`, code: 'invalid-header' })
      const api = apiOf(client) as unknown as {
        GET: (path: string, init: { headers: Record<string, string> }) => Promise<unknown>
      }
      const throughApi = await api
        .GET('/probe', { headers: { [name]: '1' } })
        .catch((caught: unknown) => caught)
      expect(issuesOf(throughApi)[0]).toMatchObject({ code: 'invalid-header' })
      expect(server.requests).toEqual([])
    },
  )

  it('an object that inherits its fields is refused: only own fields are sent', async () => {
    const server = await serve(200, successBodyOf(provider))
    const inherited = Object.create(updateParams(provider)) as Record<string, unknown>
    const client = createClient(provider, { baseUrl: server.url })
    const error = await operationOf(provider, 'updateCustomerGroup')
      ?.send(client.transport, inherited)
      .catch((caught: unknown) => caught)
    expect(issuesOf(error)[0]).toMatchObject({ code: 'type', message: 'must be a plain object' })
    expect(server.requests).toEqual([])
  })

  it('more than ten calls sharing one AbortSignal add one listener and no warning', async () => {
    const server = await startFaultServer({ faults: [], afterwards: { hang: true } })
    servers.push(server)
    const warnings: string[] = []
    const onWarning = (warning: Error) => warnings.push(warning.name)
    process.on('warning', onWarning)
    const controller = new AbortController()
    const client = createClient(provider, { baseUrl: server.url, maxConcurrency: 50 })
    const calls = Array.from({ length: 30 }, () =>
      client.transport
        .send(
          { operation: 'probe', method: 'GET', path: '/', responses: { 200: null } },
          { signal: controller.signal },
        )
        .catch((error: unknown) => error),
    )
    await vi.waitFor(() => expect(server.requests.length).toBeGreaterThan(0))
    controller.abort()
    const errors = await Promise.all(calls)
    await new Promise((resolve) => setImmediate(resolve))
    process.off('warning', onWarning)
    expect(errors.every((error) => (error as Error).name === 'APIUserAbortError')).toBe(true)
    expect(warnings).not.toContain('MaxListenersExceededWarning')
  })
})

describe.each(providerNames)('%s: what a bad answer can do is bounded', (provider) => {
  it.each([
    ['a header sent twice, joined by the server', '1, 2'],
    ['a negative number', '-5'],
    ['a date in another format', '2026-11-25T12:00:00Z'],
  ])('Retry-After as %s is not read at all', async (_, value) => {
    const server = await serve(429, { error: 'slow' }, { 'retry-after': value })
    const error = (await updateOnce(provider, { baseUrl: server.url, maxRetries: 0 }).catch(
      (caught: unknown) => caught,
    )) as APIError
    expect(error.name).toBe('RateLimitError')
    expect(error.retryAfterMs).toBeUndefined()
  })

  it('a retry-after-ms of 1e12 (31 years) is not waited for: it ends the retries and the error carries it', async () => {
    const server = await serve(503, { error: 'later' }, { 'retry-after-ms': '1000000000000' })
    const error = (await updateOnce(provider, { baseUrl: server.url }).catch(
      (caught: unknown) => caught,
    )) as APIError
    expect(server.requests).toHaveLength(1)
    expect(error.retryAfterMs).toBe(1_000_000_000_000)
  })

  it('a 5 MB JSON error body is kept as cut text, and 100,000 problems make a short message', async () => {
    const huge = await serve(400, { error: 'x'.repeat(5 * 1024 * 1024) })
    const big = (await updateOnce(provider, { baseUrl: huge.url }).catch(
      (caught: unknown) => caught,
    )) as APIError
    expect(typeof big.body).toBe('string')
    expect(String(big.body).length).toBeLessThan(2_100)
    const many = Array.from({ length: 100_000 }, (_, index) => ({
      errorCode: 'e',
      message: `problem ${index}`,
      instance: 'i',
    }))
    const flood = await serve(422, { error: 'many', errors: many })
    const error = (await updateOnce(provider, { baseUrl: flood.url }).catch(
      (caught: unknown) => caught,
    )) as APIError
    expect(error.message.length).toBeLessThan(2_000)
    expect(error.errors.length).toBeLessThanOrEqual(100)
  })

  it('Idempotency-Key and request ids stay readable in errors and logs; only secrets are masked', async () => {
    const server = await serve(
      409,
      { error: 'conflict' },
      { 'idempotency-key': 'idem-42', 'x-request-id': 'req-9' },
    )
    const { logger, lines } = recordingLogger()
    const error = (await updateOnce(provider, {
      baseUrl: server.url,
      maxRetries: 0,
      logger,
      headers: { 'Idempotency-Key': 'idem-42' },
    }).catch((caught: unknown) => caught)) as APIError
    expect(error.headers['idempotency-key']).toBe('idem-42')
    expect(error.requestId).toBe('req-9')
    const logged = lines[0]?.details?.headers as Record<string, string>
    expect(logged['idempotency-key']).toBe('idem-42')
    expect(JSON.stringify(lines)).not.toContain(secretOf(provider))
  })

  it('the CLI prints server text escaped: no ESC sequence, no CR or LF from the server', async () => {
    const hostile = 'boom\u001b[2J\u001b[H\r\nDone. 0 failed'
    const server = await serve(400, kitOf(provider).errorBody(hostile, 400))
    const result = await runCli(
      ['update', '--provider', provider, '--id', sampleIdOf(provider), '--name', 'VIP'],
      cliEnv(provider, server.url),
    )
    expect(result.code).toBe(1)
    expect(result.stderr).not.toContain('\u001b')
    expect(result.stderr).not.toContain('\r')
    expect(result.stderr.split('\n').filter((line) => line.startsWith('Done.'))).toEqual([])
    expect(result.stderr).toContain('boom\\e[2J\\e[H\\r\\nDone.')
  })
})
