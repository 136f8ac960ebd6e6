import { builtInProviders, type ProviderId } from '@customer-groups/registry'
import { benchProfiles, type Contender, timedRawFetch } from './contenders.js'
import { measureInterleaved, pairedRatio, type Summary, summarizeAll } from './stats.js'
import { startStubServer } from './stub-server.js'

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

export async function measureThroughput(options: { requests: number; runs: number; warmup: number }) {
  const server = await startStubServer()
  const results: ThroughputResult[] = []
  try {
    for (const provider of builtInProviders.map((entry) => entry.id)) {
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
