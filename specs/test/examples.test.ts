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

describe('xtrakit examples tell one story', () => {
  /** Every group object in the success examples, with where it was found. */
  const groups = operationsOf('xtrakit').flatMap(([route, operation]) =>
    Object.entries(operation.responses)
      .filter(([status]) => status.startsWith('2'))
      .flatMap(([status, response]) =>
        Object.entries(response.content?.['application/json']?.examples ?? {}).flatMap(([name, example]) => {
          const data = (example.value as { data: { group?: unknown; groups?: unknown } }).data
          const found = [data.group ?? [], data.groups ?? []].flat() as Record<string, unknown>[]
          return found.map((group) => ({ where: `${route} ${status} ${name}`, group }))
        }),
      ),
  )

  it('a group reads the same wherever it appears, on the fields each example shows', () => {
    for (const a of groups) {
      for (const b of groups.filter((other) => other.group.id === a.group.id)) {
        const shared = Object.keys(a.group).filter((key) => key in b.group)
        const pick = (group: Record<string, unknown>) =>
          Object.fromEntries(shared.map((key) => [key, group[key]]))
        expect(pick(b.group), `${a.where} / ${b.where}`).toEqual(pick(a.group))
      }
    }
  })

  it('the list shows the edited group 1 and the added group', () => {
    const listed = groups
      .filter(({ where }) => where.startsWith('GET /customer-groups 200'))
      .map((g) => g.group.id)
    const added = groups.filter(({ where }) => where.startsWith('POST')).map((g) => g.group.id)
    expect(listed).toContain(1)
    for (const id of added) expect(listed).toContain(id)
  })
})
