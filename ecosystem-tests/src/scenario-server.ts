import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { Socket } from 'node:net'
import { xtrakitUpdateResponse } from '@customer-groups/xtrakit/testing'

/** One request, as the scenario server saw it. */
export interface ScenarioRequest {
  run: string
  scenario: string
  method: string
  userAgent: string | undefined
  /** `performance.now()` on arrival. */
  at: number
}

export interface ScenarioServer {
  readonly url: string
  /** Requests other than CORS preflights, in order. */
  readonly requests: ScenarioRequest[]
  close(): Promise<void>
}

/**
 * The answers the Prism mocks cannot give, on 127.0.0.1 with CORS headers so
 * a page on another origin can call it. Paths are `/RUN/SCENARIO/…`: each run
 * (one per runtime) has its own state, so runs can go at once.
 * - `retry`: 429 with `Retry-After: 1`, then Xtrakit's answer to an update.
 * - `slow`: that answer after ten seconds.
 * - `hang`: no answer.
 */
export async function startScenarioServer(): Promise<ScenarioServer> {
  const requests: ScenarioRequest[] = []
  const sockets = new Set<Socket>()
  const server = createServer((request, response) => {
    request.resume()
    request.on('end', () => answer(request, response))
  })

  function answer(request: IncomingMessage, response: ServerResponse): void {
    const origin = request.headers.origin
    const cors: Record<string, string> =
      origin === undefined
        ? {}
        : {
            'access-control-allow-origin': origin,
            'access-control-expose-headers': 'retry-after',
            vary: 'origin',
          }
    if (request.method === 'OPTIONS') {
      response.writeHead(204, {
        ...cors,
        'access-control-allow-methods': 'GET, POST, PUT, PATCH, DELETE',
        'access-control-allow-headers': request.headers['access-control-request-headers'] ?? '',
        'access-control-max-age': '600',
      })
      response.end()
      return
    }
    const [, run = '', scenario = ''] = (request.url ?? '').split('/')
    requests.push({
      run,
      scenario,
      method: request.method ?? '',
      userAgent: request.headers['user-agent'],
      at: performance.now(),
    })
    const json = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      if (response.destroyed) return
      response.writeHead(status, { ...cors, 'content-type': 'application/json', ...headers })
      response.end(JSON.stringify(body))
    }
    const updated = xtrakitUpdateResponse({ id: 1, group_name: 'VIP' })
    switch (scenario) {
      case 'retry': {
        const seen = requests.filter((each) => each.run === run && each.scenario === 'retry').length
        if (seen === 1) json(429, { status: 429, error: 'Too many requests' }, { 'retry-after': '1' })
        else json(200, updated)
        return
      }
      case 'slow':
        setTimeout(() => json(200, updated), 10_000).unref()
        return
      case 'hang':
        return
      default:
        json(404, { status: 404, error: `no scenario ${scenario}` })
    }
  }

  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.once('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', resolve)
  })
  const address = server.address()
  const port = typeof address === 'object' && address !== null ? address.port : 0
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      }),
  }
}
