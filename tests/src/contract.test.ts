import { APIError, createAPIError } from '@customer-groups/runtime'
import { describe, expect, inject, it } from 'vitest'
import { createClient, entryOf, operationOf, providerNames, specOf } from './providers.js'
import { operationSamples } from './spec-samples.js'

/**
 * Every operation of every provider's spec, every documented status and
 * every named example, through the provider's own operation against the
 * Prism mock of the same spec: a success gives exactly the example, an error
 * the typed error class with the example as its body, and Prism reports no
 * violation of the spec in either direction.
 */
const urls = inject('mockServers')

const cases = providerNames.flatMap((provider) =>
  operationSamples(specOf(provider)).flatMap((sample) =>
    sample.responses.flatMap((response) =>
      (response.examples.length > 0 ? response.examples : [{ name: undefined, value: undefined }]).map(
        (example) => ({ provider, sample, status: response.status, example }),
      ),
    ),
  ),
)

describe('every operation of every spec', () => {
  it.each(providerNames)(
    '%s: the package exports an operation for each operationId of its spec',
    (provider) => {
      const ids = operationSamples(specOf(provider)).map((sample) => sample.info.operationId)
      expect(ids.length).toBeGreaterThan(0)
      for (const id of ids) expect(operationOf(provider, id)?.facts.operationId).toBe(id)
    },
  )

  it.each(
    cases.map(
      (entry) =>
        [
          entry.provider,
          entry.sample.info.operationId,
          entry.status,
          entry.example.name ?? '-',
          entry,
        ] as const,
    ),
  )(
    '%s %s answers %i (%s) as the spec says, without violations',
    async (provider, operationId, status, _name, { sample, example }) => {
      const operation = operationOf(provider, operationId)
      if (operation === undefined) throw new Error(`${entryOf(provider).packageName} has no ${operationId}`)
      const prefer = example.name === undefined ? `code=${status}` : `code=${status}, example=${example.name}`
      const client = createClient(provider, { baseUrl: urls[provider] as string, maxRetries: 0 })
      const params = sample.params(operation.bodyEnvelope)
      const outcome = await operation
        .send(client.transport, params, { headers: { Prefer: prefer } })
        .withResponse()
        .catch((error: unknown) => error)
      if (status < 300) {
        if (outcome instanceof Error) throw outcome
        const { data, response } = outcome as {
          data: unknown
          response: { status: number; headers: Record<string, string> }
        }
        expect(response.status).toBe(status)
        expect(response.headers['sl-violations']).toBeUndefined()
        if (example.value !== undefined) expect(data).toEqual(example.value)
        return
      }
      const expected = createAPIError({ provider, status, headers: {}, body: undefined, errors: [] })
      expect(APIError.isInstance(outcome)).toBe(true)
      const error = outcome as APIError
      expect(error.name).toBe(expected.name)
      expect(error.status).toBe(status)
      expect(error.headers['sl-violations']).toBeUndefined()
      if (example.value !== undefined) {
        expect(error.body).toEqual(example.value)
        expect(error.errors.length).toBeGreaterThan(0)
        for (const detail of error.errors) expect(error.message).toContain(detail.message.slice(0, 50))
      }
    },
  )
})
