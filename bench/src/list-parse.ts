import { listCustomerGroups } from '@customer-groups/client'
import { listOperations, loadSpec } from '@customer-groups/codegen'
import { builtInProviders, findProvider, type ProviderId, specPathOf } from '@customer-groups/registry'
import { compileSchema, type JsonSchema, schemaIssues } from '@customer-groups/runtime'
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
  /**
   * Where the facade's time goes, in milliseconds per list: reading the body as
   * text, JSON.parse, the check against the spec's response schema, and what the
   * provider's own call adds to those (transport, metadata) and the facade to it
   * (normalizing every group).
   */
  steps: { read: Summary; parse: Summary; check: Summary; transport: Summary; normalize: Summary }
  /** For comparison: the same check by the runtime's keyword interpreter, as every call did before codegen wrote checks. */
  interpretedCheck: Summary
}

/**
 * A list of `count` groups through the facade (read, checked against the spec,
 * normalized) beside `JSON.parse` of the same body, and beside reading it with
 * `response.text()` and `JSON.parse` by hand; a stubbed fetch answers at once.
 */
export async function measureListParse(count: number, runs: number): Promise<ListParseRow[]> {
  const rows: ListParseRow[] = []
  for (const provider of builtInProviders.map((entry) => entry.id)) {
    const entry = findProvider(provider)
    if (entry === undefined) continue
    const profile = benchProfiles[provider]
    const text = JSON.stringify(profile.listBody(count))
    const bytes = new TextEncoder().encode(text)
    const answer = async () => new Response(bytes, { headers: { 'content-type': 'application/json' } })
    const module = (await import(entry.packageName)) as Record<string, (settings: object) => never> & {
      listCustomerGroups: { facts: { responses: Record<number, JsonSchema> } }
    }
    const schema = module.listCustomerGroups.facts.responses[200] as JsonSchema
    const specSchema = listOperations(loadSpec(specPathOf(provider)).document).find(
      (operation) => operation.operationId === 'listCustomerGroups',
    )?.responses['200']
    const interpreted = compileSchema(specSchema as JsonSchema, { parsedJson: true })
    const client = module[entry.factory]?.({
      [entry.credentials[0]?.setting ?? 'token']: 'list-key',
      baseUrl: profile.stubBaseUrl,
      fetch: answer,
    })
    const own = client as unknown as { listCustomerGroups(): Promise<unknown> }
    const samples = {
      jsonParse: [] as number[],
      handWritten: [] as number[],
      facade: [] as number[],
      read: [] as number[],
      check: [] as number[],
      interpreted: [] as number[],
      provider: [] as number[],
    }
    const time = async (work: () => unknown) => {
      const started = performance.now()
      await work()
      return performance.now() - started
    }
    for (let run = -5; run < runs; run++) {
      const parse = await time(() => JSON.parse(text))
      const hand = await time(async () => JSON.parse(await (await answer()).text()))
      const facade = await time(() => listCustomerGroups({ provider: client as never }))
      const read = await time(async () => (await answer()).text())
      const parsed = JSON.parse(text)
      const check = await time(() => schemaIssues(schema, parsed))
      const interpretedCheck = await time(() => schemaIssues(interpreted, parsed))
      const providerCall = await time(() => own.listCustomerGroups())
      // The first runs warm the code up.
      if (run < 0) continue
      samples.jsonParse.push(parse)
      samples.handWritten.push(hand)
      samples.facade.push(facade)
      samples.read.push(read)
      samples.check.push(check)
      samples.interpreted.push(interpretedCheck)
      samples.provider.push(providerCall)
    }
    const minus = (whole: number[], ...parts: number[][]) =>
      summarize(whole.map((value, index) => value - parts.reduce((sum, part) => sum + (part[index] ?? 0), 0)))
    rows.push({
      provider,
      groups: count,
      bodyMb: bytes.byteLength / 1_048_576,
      jsonParse: summarize(samples.jsonParse),
      handWritten: summarize(samples.handWritten),
      facade: summarize(samples.facade),
      facadeToJsonParse: pairedRatioOf(samples.facade, samples.jsonParse),
      facadeToHandWritten: pairedRatioOf(samples.facade, samples.handWritten),
      steps: {
        read: summarize(samples.read),
        parse: summarize(samples.jsonParse),
        check: summarize(samples.check),
        transport: minus(samples.provider, samples.read, samples.jsonParse, samples.check),
        normalize: minus(samples.facade, samples.provider),
      },
      interpretedCheck: summarize(samples.interpreted),
    })
  }
  return rows
}
