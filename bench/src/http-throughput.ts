import { createServer } from 'node:http'
import {
  type Contender,
  contenders,
  shoptetContenders,
  successBodies,
  xtrakitContenders,
} from './contenders.js'
import { opsPerSecond, type Summary, summarize } from './stats.js'

export interface ThroughputResult {
  provider: 'xtrakit' | 'shoptet'
  mode: 'sequential' | 'concurrent (16 in flight)'
  ops: Record<Contender, Summary>
}

/** A loopback server that answers every request with the provider's success body. */
async function startServer(): Promise<{ url: string; close: () => Promise<void> }> {
  const bodies = {
    xtrakit: Buffer.from(JSON.stringify(successBodies.xtrakit)),
    shoptet: Buffer.from(JSON.stringify(successBodies.shoptet)),
  }
  const server = createServer((request, response) => {
    request.resume()
    request.on('end', () => {
      const body = request.url?.startsWith('/api/customers') ? bodies.shoptet : bodies.xtrakit
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': body.byteLength })
      response.end(body)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  const port = typeof address === 'object' && address !== null ? address.port : 0
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

export async function measureThroughput(options: { requests: number; runs: number; warmup: number }) {
  const server = await startServer()
  const results: ThroughputResult[] = []
  try {
    for (const provider of ['xtrakit', 'shoptet'] as const) {
      const calls = provider === 'xtrakit' ? xtrakitContenders(server.url) : shoptetContenders(server.url)
      for (const [mode, concurrency] of [
        ['sequential', 1],
        ['concurrent (16 in flight)', 16],
      ] as const) {
        const samples: Record<Contender, number[]> = {
          'raw fetch': [],
          'openapi-fetch': [],
          provider: [],
          facade: [],
        }
        for (const name of contenders) await opsPerSecond(calls[name], options.warmup, concurrency)
        // Interleave the contenders run by run, so drift in the machine's speed hits all alike.
        for (let run = 0; run < options.runs; run++) {
          for (const name of contenders)
            samples[name].push(await opsPerSecond(calls[name], options.requests, concurrency))
        }
        const ops = Object.fromEntries(contenders.map((name) => [name, summarize(samples[name])])) as Record<
          Contender,
          Summary
        >
        results.push({ provider, mode, ops })
      }
    }
  } finally {
    await server.close()
  }
  return results
}
