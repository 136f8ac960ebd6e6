import { connect } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import {
  type StatefulBackend,
  type StatefulBackendOptions,
  startStatefulBackend,
} from './stateful-backend.js'

// The backend of `customer-groups mock --stateful` runs inside the CLI's process: one bad request
// must cost one answer, never the process.

const backends: StatefulBackend[] = []
afterEach(async () => {
  await Promise.all(backends.splice(0).map((backend) => backend.close()))
})

/** Sends raw bytes and resolves with the status line of the answer. */
function rawRequest(url: string, text: string): Promise<string> {
  const { hostname, port } = new URL(url)
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.write(text))
    let received = ''
    socket.on('data', (chunk) => {
      received += chunk.toString('latin1')
      if (received.includes('\r\n')) {
        resolve(received.split('\r\n')[0] ?? '')
        socket.destroy()
      }
    })
    socket.on('error', reject)
    socket.on('end', () => resolve(received.split('\r\n')[0] ?? ''))
  })
}

const list = (url: string) =>
  fetch(`${url}/api/customers/groups`, { headers: { 'shoptet-access-token': 'tok-1' } })

describe('the stateful backend survives hostile requests', () => {
  it('answers a request target that is not a URL (GET http://[) with 400 and goes on serving', async () => {
    const backend = await startStatefulBackend({ provider: 'shoptet' })
    backends.push(backend)
    const status = await rawRequest(
      backend.url,
      'GET http://[ HTTP/1.1\r\nHost: 127.0.0.1\r\nShoptet-Access-Token: tok-1\r\nConnection: close\r\n\r\n',
    )
    expect(status).toBe('HTTP/1.1 400 Bad Request')
    expect((await list(backend.url)).status).toBe(200)
  }, 10_000)

  it('answers 500 when handling a request throws, and goes on serving', async () => {
    let calls = 0
    const backend = await startStatefulBackend({
      provider: 'shoptet',
      delayMs: () => {
        calls++
        if (calls === 1) throw new Error('a bug in a handler')
        return 0
      },
    })
    backends.push(backend)
    expect((await list(backend.url)).status).toBe(500)
    expect((await list(backend.url)).status).toBe(200)
  }, 10_000)
})

// The stateful backend's fault tools, on Shoptet's API (its create answers with every group).
const shoptetSpec = new URL('../../../specs/shoptet.openapi.yaml', import.meta.url).pathname
async function start(options: Omit<StatefulBackendOptions, 'provider'> = {}) {
  const backend = await startStatefulBackend({ provider: 'shoptet', specPath: shoptetSpec, ...options })
  backends.push(backend)
  return backend
}

const send = (server: StatefulBackend, method: string, path: string, token: string, body?: unknown) =>
  fetch(`${server.url}${path}`, {
    method,
    headers: { 'shoptet-access-token': token, 'content-type': 'application/json' },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  })

const listed = async (server: StatefulBackend, token: string) => {
  const response = await send(server, 'GET', '/api/customers/groups', token)
  const body = (await response.json()) as { data: { customerGroups: { name: string }[] } }
  return body.data.customerGroups.map((group) => group.name)
}

describe('the stateful backend for fault tests', () => {
  it('applies a write and then loses its answer (reset), logging what it changed', async () => {
    const server = await start({
      fault: (request) => (request.method === 'POST' ? { when: 'after', answer: 'reset' } : undefined),
    })
    await expect(
      send(server, 'POST', '/api/customers/groups', 'a', { data: { name: 'VIP' } }),
    ).rejects.toThrow()
    expect(server.views('a').map((group) => group.name)).toContain('VIP')
    expect(server.writes).toMatchObject([
      { seq: 1, method: 'POST', created: [{ name: 'VIP', description: null }], answered: 'reset' },
    ])
  })

  it('answers a 5xx after applying, or before applying without a change', async () => {
    let next: 'before' | 'after' = 'after'
    const server = await start({
      fault: (request) =>
        request.method === 'PATCH'
          ? { when: next, answer: { status: 503, body: { errors: [] } } }
          : undefined,
    })
    expect(
      (await send(server, 'PATCH', '/api/customers/groups/7', 'a', { data: { name: 'X' } })).status,
    ).toBe(503)
    next = 'before'
    expect(
      (await send(server, 'PATCH', '/api/customers/groups/7', 'a', { data: { name: 'Y' } })).status,
    ).toBe(503)
    expect(server.views('a').find((group) => group.id === 7)?.name).toBe('X')
    expect(server.writes).toHaveLength(1)
    expect(server.writes[0]?.updated).toEqual([
      {
        before: { id: 7, name: 'Wholesale partners', description: 'Partners buying in bulk' },
        after: { id: 7, name: 'X', description: 'Partners buying in bulk' },
      },
    ])
  })

  it('revokes a credential: every later request of that shop is answered 401, others go on', async () => {
    const server = await start()
    server.revoke('a')
    expect((await send(server, 'GET', '/api/customers/groups', 'a')).status).toBe(401)
    expect((await send(server, 'GET', '/api/customers/groups', 'b')).status).toBe(200)
  })

  it('lags its list by a number of lists, not by time', async () => {
    const server = await start({ listLag: 2 })
    await send(server, 'POST', '/api/customers/groups', 'a', { data: { name: 'Late' } })
    expect(await listed(server, 'a')).not.toContain('Late')
    expect(await listed(server, 'a')).not.toContain('Late')
    expect(await listed(server, 'a')).toContain('Late')
  })
})
