import { describe, expect, it } from 'vitest'
import { operationsOf, type ProviderName, providers, validates } from './spec-helpers.js'

describe.each(providers)('%s examples', (provider: ProviderName) => {
  describe.each(operationsOf(provider))('%s', (_, operation) => {
    const cases: [string, unknown, unknown][] = []
    const body = operation.requestBody?.content['application/json']
    for (const [name, example] of Object.entries(body?.examples ?? {})) {
      cases.push([`request ${name}`, body?.schema, example.value])
    }
    for (const [status, response] of Object.entries(operation.responses)) {
      for (const [name, example] of Object.entries(response.content?.['application/json']?.examples ?? {})) {
        cases.push([`${status} ${name}`, response.content?.['application/json']?.schema, example.value])
      }
    }

    it('has a named example for every response and for the request body', () => {
      for (const [status, response] of Object.entries(operation.responses)) {
        expect(Object.keys(response.content?.['application/json']?.examples ?? {}), status).not.toHaveLength(
          0,
        )
      }
      if (body !== undefined) expect(Object.keys(body.examples ?? {})).not.toHaveLength(0)
    })

    it.each(cases)('%s validates against its schema', (_, schema, value) => {
      expect(validates(provider, schema, value)).toBe(true)
    })

    it('marks every response the docs do not show as an assumption', () => {
      for (const [status, response] of Object.entries(operation.responses)) {
        const assumed = response['x-customer-groups-assumption'] !== undefined
        expect(assumed, status).toBe(/not in the provider docs/i.test(response.description))
      }
    })
  })
})
