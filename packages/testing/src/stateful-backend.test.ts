import { connect } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { type StatefulBackend, startStatefulBackend } from './stateful-backend.js'

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
