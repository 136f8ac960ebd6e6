import { listCustomerGroups } from '@customer-groups/client'
import { findProvider, type ProviderId, providerIds } from '@customer-groups/registry'
import { benchProfiles } from './contenders.js'
import { pairedRatioOf, type Summary, summarize } from './stats.js'

export interface ListParseRow {
  provider: ProviderId
  groups: number
  bodyMb: number
  /** Milliseconds per list: JSON.parse alone; fetch's text() and JSON.parse by hand; the facade. */
  jsonParse: Summary
  handWritten: Summary
  facade: Summary
  facadeToJsonParse: Summary
  facadeToHandWritten: Summary
}

/**
 * A list of `count` groups through the facade (read, checked against the spec,
 * normalized) beside `JSON.parse` of the same body, and beside reading it with
 * `response.text()` and `JSON.parse` by hand; a stubbed fetch answers at once.
 */
export async function measureListParse(count: number, runs: number): Promise<ListParseRow[]> {
  const rows: ListParseRow[] = []
  for (const provider of providerIds) {
    const entry = findProvider(provider)
    if (entry === undefined) continue
    const profile = benchProfiles[provider]
    const text = JSON.stringify(profile.listBody(count))
    const bytes = new TextEncoder().encode(text)
    const answer = async () => new Response(bytes, { headers: { 'content-type': 'application/json' } })
    const module = (await import(entry.packageName)) as Record<string, (settings: object) => never>
    const client = module[entry.factory]?.({
      [entry.credentials[0]?.setting ?? 'token']: 'list-key',
      baseUrl: profile.stubBaseUrl,
      fetch: answer,
    })
    const samples = { jsonParse: [] as number[], handWritten: [] as number[], facade: [] as number[] }
    const time = async (work: () => unknown) => {
      const started = performance.now()
      await work()
      return performance.now() - started
    }
    for (let run = -5; run < runs; run++) {
      const parse = await time(() => JSON.parse(text))
      const hand = await time(async () => JSON.parse(await (await answer()).text()))
      const facade = await time(() => listCustomerGroups({ provider: client as never }))
      // The first runs warm the code up.
      if (run < 0) continue
      samples.jsonParse.push(parse)
      samples.handWritten.push(hand)
      samples.facade.push(facade)
    }
    rows.push({
      provider,
      groups: count,
      bodyMb: bytes.byteLength / 1_048_576,
      jsonParse: summarize(samples.jsonParse),
      handWritten: summarize(samples.handWritten),
      facade: summarize(samples.facade),
      facadeToJsonParse: pairedRatioOf(samples.facade, samples.jsonParse),
      facadeToHandWritten: pairedRatioOf(samples.facade, samples.handWritten),
    })
  }
  return rows
}
