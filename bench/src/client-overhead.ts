import { builtInProviders, type ProviderId } from '@customer-groups/registry'
import { benchProfiles, type Contender, timedRawFetch } from './contenders.js'
import { measureInterleaved, pairedRatio, type Summary, summarizeAll } from './stats.js'

export interface OverheadResult {
  provider: ProviderId
  ops: Record<Contender, Summary>
  /** Per-call cost relative to openapi-fetch alone, paired run by run. */
  cost: { provider: Summary; facade: Summary }
}

/** A fetch that answers at once with a fresh copy of a prebuilt response: only client work is left to measure. */
function stubFetch(body: unknown): typeof globalThis.fetch {
  const text = JSON.stringify(body)
  const headers = { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)) }
  return async () => new Response(text, { status: 200, headers })
}

export async function measureOverhead(options: { calls: number; runs: number; warmup: number }) {
  const results: OverheadResult[] = []
  for (const provider of builtInProviders.map((entry) => entry.id)) {
    const profile = benchProfiles[provider]
    const calls = profile.contenders(profile.stubBaseUrl, stubFetch(profile.successBody))
    // The timed raw call is a loopback reference only: a stub never waits, so a timeout changes nothing.
    const { [timedRawFetch]: _reference, ...clientCalls } = calls
    const samples = await measureInterleaved(clientCalls, {
      count: options.calls,
      runs: options.runs,
      warmup: options.warmup,
      concurrency: 1,
    })
    results.push({
      provider,
      ops: summarizeAll(samples),
      // Cost is time per call, so openapi-fetch's speed over the client's.
      cost: {
        provider: pairedRatio(samples, 'openapi-fetch', 'provider'),
        facade: pairedRatio(samples, 'openapi-fetch', 'facade'),
      },
    })
  }
  return results
}
