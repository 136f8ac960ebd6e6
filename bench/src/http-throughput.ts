import { createServer } from 'node:http'
import { type ProviderId, providerIds } from '@customer-groups/registry'
import { benchProfiles, type Contender, timedRawFetch } from './contenders.js'
import { measureInterleaved, pairedRatio, type Summary, summarizeAll } from './stats.js'

export interface ThroughputResult {
  provider: ProviderId
  mode: 'sequential' | 'concurrent (16 in flight)'
  ops: Record<Contender | typeof timedRawFetch, Summary>
  /** Throughput ratios, paired run by run. */
  ratios: {
    providerToRaw: Summary
    facadeToRaw: Summary
    providerToOpenapiFetch: Summary
    providerToTimedRaw: Summary
    facadeToProvider: Summary
  }
}

/** A loopback server that answers every request with the provider's success body. */
async function startServer(): Promise<{ url: string; close: () => Promise<void> }> {
  const bodies = providerIds.map((id) => ({
    prefix: benchProfiles[id].pathPrefix,
    body: Buffer.from(JSON.stringify(benchProfiles[id].successBody)),
  }))
  const server = createServer((request, response) => {
    request.resume()
    request.on('end', () => {
      const body = bodies.find(({ prefix }) => request.url?.startsWith(prefix))?.body ?? Buffer.from('{}')
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
    for (const provider of providerIds) {
      const calls = benchProfiles[provider].contenders(server.url)
      for (const [mode, concurrency] of [
        ['sequential', 1],
        ['concurrent (16 in flight)', 16],
      ] as const) {
        const samples = await measureInterleaved(calls, {
          count: options.requests,
          runs: options.runs,
          warmup: options.warmup,
          concurrency,
        })
        results.push({
          provider,
          mode,
          ops: summarizeAll(samples),
          ratios: {
            providerToRaw: pairedRatio(samples, 'provider', 'raw fetch'),
            facadeToRaw: pairedRatio(samples, 'facade', 'raw fetch'),
            providerToOpenapiFetch: pairedRatio(samples, 'provider', 'openapi-fetch'),
            providerToTimedRaw: pairedRatio(samples, 'provider', timedRawFetch),
            facadeToProvider: pairedRatio(samples, 'facade', 'provider'),
          },
        })
      }
    }
  } finally {
    await server.close()
  }
  return results
}
