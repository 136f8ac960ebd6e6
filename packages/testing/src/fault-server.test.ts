import { describe, expect, it } from 'vitest'
import { startFaultServer } from './fault-server.js'

describe('startFaultServer', () => {
  it('answers scripted faults in order, then per request, then the fallback', async () => {
    const server = await startFaultServer({
      faults: [{ status: 503, body: 'down' }],
      respond: (request) =>
        request.url === '/dynamic' ? { status: 200, body: { path: request.url } } : undefined,
      afterwards: { status: 418, body: { error: 'teapot' } },
    })
    try {
      const first = await fetch(`${server.url}/a`, { method: 'POST', body: 'x' })
      expect([first.status, await first.text()]).toEqual([503, 'down'])
      const dynamic = await fetch(`${server.url}/dynamic`)
      expect(await dynamic.json()).toEqual({ path: '/dynamic' })
      expect((await fetch(`${server.url}/other`)).status).toBe(418)
      expect(server.requests.map((request) => [request.method, request.url, request.body])).toEqual([
        ['POST', '/a', 'x'],
        ['GET', '/dynamic', ''],
        ['GET', '/other', ''],
      ])
    } finally {
      await server.close()
    }
  })

  it('delays an answer, resets, and closes while a request hangs', async () => {
    const server = await startFaultServer({
      faults: [{ status: 200, body: 'late', delayMs: 120 }, { reset: true }, { hang: true }],
    })
    const started = performance.now()
    const late = await fetch(server.url)
    expect(await late.text()).toBe('late')
    expect(performance.now() - started).toBeGreaterThanOrEqual(110)
    await expect(fetch(server.url)).rejects.toThrow()
    const hanging = fetch(server.url).catch((error: unknown) => error)
    await new Promise((resolve) => setTimeout(resolve, 50))
    await server.close()
    expect(await hanging).toBeInstanceOf(Error)
  })

  it('stops answering after maxRequests, so a runaway retry loop ends', async () => {
    const server = await startFaultServer({ faults: [], afterwards: { status: 500 }, maxRequests: 2 })
    try {
      expect((await fetch(server.url)).status).toBe(500)
      expect((await fetch(server.url)).status).toBe(500)
      await expect(fetch(server.url)).rejects.toThrow()
    } finally {
      await server.close()
    }
  })
})
