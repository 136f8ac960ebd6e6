import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import {
  capabilitiesOf,
  checkCustomerGroupRequest,
  getCustomerGroup,
  InvalidArgumentError,
  listCustomerGroups,
  updateCustomerGroup,
} from '@customer-groups/client'
import type { APIError } from '@customer-groups/runtime'
import { createShoptet } from '@customer-groups/shoptet'
import { type Fault, type FaultServer, startFaultServer } from '@customer-groups/testing'
import { afterEach, describe, expect, it } from 'vitest'
import {
  createClient,
  providerNames,
  sampleIdOf,
  secretOf,
  specOf,
  successBodyOf,
  updateOnce,
} from './providers.js'
import { cliEnv, runCli } from './run-cli.js'
import { operationSamples } from './spec-samples.js'

// Round 3: answers of a shape nobody expects, and limits tried at their edges, on loopback.

const servers: FaultServer[] = []
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()))
})

async function serve(fault: Fault, options: { maxRequests?: number } = {}) {
  const server = await startFaultServer({ faults: [], afterwards: fault, ...options })
  servers.push(server)
  return server
}

/** The spec's documented 200 body of an operation. */
function documentedBody(provider: (typeof providerNames)[number], operationId: string): unknown {
  const samples = operationSamples(specOf(provider)).find((sample) => sample.info.operationId === operationId)
  return samples?.responses.find((response) => response.status === 200)?.examples[0]?.value
}

/** A copy of `body` where every object whose `id` is `id` gets `change` applied. */
function mapGroups(body: unknown, id: string, change: (group: Record<string, unknown>) => object): unknown {
  if (Array.isArray(body)) return body.map((item) => mapGroups(item, id, change))
  if (typeof body !== 'object' || body === null) return body
  const copy = Object.fromEntries(
    Object.entries(body).map(([key, value]) => [key, mapGroups(value, id, change)]),
  )
  return String((body as { id?: unknown }).id) === id ? { ...copy, ...change(copy) } : copy
}

describe.each(providerNames)('%s: an answer about another group', (provider) => {
  const otherId = (id: unknown) => (typeof id === 'number' ? id + 6 : `${String(id)}7`)

  it('an update answered with a group of another id is an InvalidResponseError', async () => {
    const body = mapGroups(successBodyOf(provider), sampleIdOf(provider), (group) => ({
      id: otherId(group.id),
    }))
    const server = await serve({ status: 200, body })
    const client = createClient(provider, { baseUrl: server.url })
    const error = (await updateCustomerGroup({
      provider: client,
      id: sampleIdOf(provider),
      name: 'VIP',
    }).catch((caught: unknown) => caught)) as APIError
    expect(error.name).toBe('InvalidResponseError')
    expect(error.status).toBe(200)
  })

  it('a get answered with a group of another id is an InvalidResponseError (or not found, read from a list)', async () => {
    const client = createClient(provider)
    const via = capabilitiesOf(client).operations.get?.via
    const operationId = via === 'endpoint' ? 'getCustomerGroup' : 'listCustomerGroups'
    const body = mapGroups(documentedBody(provider, operationId), sampleIdOf(provider), (group) => ({
      id: otherId(group.id),
    }))
    const server = await serve({ status: 200, body })
    const error = (await getCustomerGroup({
      provider: createClient(provider, { baseUrl: server.url }),
      id: sampleIdOf(provider),
    }).catch((caught: unknown) => caught)) as APIError
    expect(error.name).toBe(via === 'endpoint' ? 'InvalidResponseError' : 'NotFoundError')
  })
})

describe.each(providerNames)('%s: a Retry-After beyond the retry budget', (provider) => {
  it.each([
    ['Retry-After: 172800', { 'retry-after': '172800' }, 172_800_000],
    [
      'retry-after-ms of ten years',
      { 'retry-after-ms': String(10 * 365 * 86_400_000) },
      10 * 365 * 86_400_000,
    ],
  ])('%s fails at once with the date the provider accepts requests again', async (_, headers, waitMs) => {
    const server = await serve({ status: 429, body: { error: 'slow down' }, headers })
    const before = Date.now()
    const error = (await updateOnce(provider, { baseUrl: server.url }).catch((e: unknown) => e)) as APIError
    expect(server.requests).toHaveLength(1)
    expect(error.name).toBe('RateLimitError')
    expect(error.retryAfterMs).toBe(waitMs)
    const retryAt = (error as APIError & { retryAt?: Date }).retryAt as Date
    expect(retryAt.getTime()).toBeGreaterThanOrEqual(before + waitMs)
    expect(retryAt.getTime()).toBeLessThanOrEqual(Date.now() + waitMs)
    expect(error.message).toContain(`accepts requests again after ${retryAt.toISOString()}`)
    expect(error.message).toContain('not retried')
  })
})

describe.each(providerNames)('%s: unknown fields of a hostile shape', (provider) => {
  const deep = (levels: number) => `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`

  /** An operation's documented body as text, with an extra field spliced into the sample group. */
  function withExtra(operationId: string, extraJson: string): string {
    const marker = '"__extra_marker__"'
    const body = mapGroups(documentedBody(provider, operationId), sampleIdOf(provider), () => ({
      extraField: '__extra_marker__',
    }))
    return JSON.stringify(body).replace(marker, extraJson)
  }
  const listWithExtra = (extraJson: string) => withExtra('listCustomerGroups', extraJson)

  it('a field nested 20,000 deep is cut, so the result serializes and the CLI prints it', async () => {
    const text = listWithExtra(deep(20_000))
    // A get by id has its own body where the provider has an endpoint for it.
    const getText =
      documentedBody(provider, 'getCustomerGroup') === undefined
        ? text
        : withExtra('getCustomerGroup', deep(20_000))
    const json = { 'content-type': 'application/json' }
    const server = await startFaultServer({
      faults: [],
      respond: (request) => ({
        status: 200,
        body: request.url.endsWith(`/${sampleIdOf(provider)}`) ? getText : text,
        headers: json,
      }),
    })
    servers.push(server)
    const client = createClient(provider, { baseUrl: server.url })
    const result = await listCustomerGroups({ provider: client })
    const serialized = JSON.stringify(result)
    expect(serialized).toContain('[cut: nested deeper than 32 levels]')
    for (const command of ['list', 'get']) {
      const args = [
        command,
        '--provider',
        provider,
        '--json',
        ...(command === 'get' ? ['--id', sampleIdOf(provider)] : []),
      ]
      const cli = await runCli(args, cliEnv(provider, server.url))
      expect(cli.stderr).not.toContain('Maximum call stack')
      expect(cli.code, cli.stderr).toBe(0)
      expect(cli.stdout).toContain('[cut: nested deeper than 32 levels]')
    }
  }, 30_000)

  it("a huge unknown field is cut in the group's providerMetadata", async () => {
    const text = listWithExtra(JSON.stringify('h'.repeat(1024 * 1024)))
    const server = await serve({ status: 200, body: text, headers: { 'content-type': 'application/json' } })
    const result = await listCustomerGroups({ provider: createClient(provider, { baseUrl: server.url }) })
    const group = result.groups.find((candidate) => candidate.id === sampleIdOf(provider))
    const metadata = JSON.stringify(group?.providerMetadata)
    expect(metadata.length).toBeLessThan(70 * 1024)
    expect(metadata).toContain('[cut: over 65536 characters]')
  })
})

describe('shoptet: ids refused before anything is sent', () => {
  it.each(['abc', '0', '-1', '7.0'])(
    'getCustomerGroup with %j is an InvalidArgumentError naming id',
    async (id) => {
      const server = await serve({ status: 200, body: documentedBody('shoptet', 'listCustomerGroups') })
      const client = createShoptet({
        baseUrl: server.url,
        privateApiToken: secretOf('shoptet'),
        logLevel: 'off',
      })
      const error = await getCustomerGroup({ provider: client, id }).catch((caught: unknown) => caught)
      expect(InvalidArgumentError.isInstance(error)).toBe(true)
      const issues = (error as InvalidArgumentError).issues
      expect(issues.map((issue) => issue.field)).toEqual(['id'])
      // The same rule as update and delete, which take the id in their path.
      const update = checkCustomerGroupRequest('update', { provider: client, id, name: 'x' })
      expect(issues).toEqual(update.filter((issue) => issue.field === 'id'))
      expect(checkCustomerGroupRequest('get', { provider: client, id })).toEqual(issues)
      expect(server.requests).toHaveLength(0)
    },
  )
})

describe('shoptet: an empty change', () => {
  it('says there is nothing to change and names what can be given, not an internal field', async () => {
    const client = createShoptet({ privateApiToken: secretOf('shoptet'), logLevel: 'off' })
    const error = (await updateCustomerGroup({ provider: client, id: '7' }).catch(
      (caught: unknown) => caught,
    )) as InvalidArgumentError
    expect(InvalidArgumentError.isInstance(error)).toBe(true)
    const [issue] = error.issues
    expect(issue?.message).toMatch(/^nothing to change: give at least one of name, description, /)
    expect(issue?.message).toContain('providerOptions.shoptet.maxDiscount')
    expect(JSON.stringify(error.issues)).not.toContain('.data')
  })

  it('the CLI says the same', async () => {
    const cli = await runCli(
      ['update', '--provider', 'shoptet', '--id', '7'],
      cliEnv('shoptet', 'http://127.0.0.1:9'),
    )
    expect(cli.code).toBe(2)
    expect(cli.stderr).toContain('nothing to change: give at least one of name, description')
    expect(cli.stderr).not.toContain('shoptet.data')
  })
})

describe('shoptet: the concurrency limit holds when requests time out', () => {
  it('a timed-out request keeps its slot while the server may still work on it', async () => {
    // The server works 500 ms on every request, whether the client waits or not, and counts them.
    let open = 0
    let most = 0
    let received = 0
    const server = createServer((request, response) => {
      received++
      open++
      most = Math.max(most, open)
      request.resume()
      setTimeout(() => {
        open--
        if (!response.destroyed) response.end('{}')
      }, 500)
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const { port } = server.address() as AddressInfo
    const url = `http://127.0.0.1:${port}`
    try {
      const client = createShoptet({
        baseUrl: url,
        privateApiToken: secretOf('shoptet'),
        timeoutMs: 150,
        maxRetries: 1,
        retry: { initialDelayMs: 0 },
        logLevel: 'off',
      })
      const results = await Promise.allSettled(Array.from({ length: 6 }, () => client.listCustomerGroups()))
      expect(results.every((result) => result.status === 'rejected')).toBe(true)
      expect(received).toBe(12)
      // Shoptet's limit per token (the registry's entry): never more in flight at the server.
      expect(most).toBeLessThanOrEqual(3)
    } finally {
      server.closeAllConnections()
      await new Promise((resolve) => server.close(resolve))
    }
  }, 30_000)
})
