import {
  type Contender,
  contenders,
  shoptetContenders,
  successBodies,
  xtrakitContenders,
} from './contenders.js'
import { opsPerSecond, type Summary, summarize } from './stats.js'

export interface OverheadResult {
  provider: 'xtrakit' | 'shoptet'
  ops: Record<Contender, Summary>
}

/** A fetch that answers at once with a fresh copy of a prebuilt response: only client work is left to measure. */
function stubFetch(body: unknown): typeof globalThis.fetch {
  const text = JSON.stringify(body)
  const headers = { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)) }
  return async () => new Response(text, { status: 200, headers })
}

export async function measureOverhead(options: { calls: number; runs: number; warmup: number }) {
  const results: OverheadResult[] = []
  for (const provider of ['xtrakit', 'shoptet'] as const) {
    const stub = stubFetch(successBodies[provider])
    const calls =
      provider === 'xtrakit'
        ? xtrakitContenders('https://bench.invalid/api/v1', stub)
        : shoptetContenders('https://bench.invalid', stub)
    const samples: Record<Contender, number[]> = {
      'raw fetch': [],
      'openapi-fetch': [],
      provider: [],
      facade: [],
    }
    for (const name of contenders) await opsPerSecond(calls[name], options.warmup, 1)
    for (let run = 0; run < options.runs; run++) {
      for (const name of contenders) samples[name].push(await opsPerSecond(calls[name], options.calls, 1))
    }
    results.push({
      provider,
      ops: Object.fromEntries(contenders.map((name) => [name, summarize(samples[name])])) as Record<
        Contender,
        Summary
      >,
    })
  }
  return results
}
