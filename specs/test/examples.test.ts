import { describe, expect, it } from 'vitest'
import {
  factsOf,
  operationOf,
  operationsOf,
  type ProviderName,
  providers,
  validates,
} from './spec-helpers.js'

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

  it('no group was updated before it was created', () => {
    const dated = groups.filter(
      ({ group }) => group.created_at !== undefined && group.updated_at !== undefined,
    )
    expect(dated.length).toBeGreaterThan(0)
    // Both are `YYYY-MM-DD HH:mm:ss`, so text order is time order.
    for (const { where, group } of dated)
      expect(String(group.updated_at) >= String(group.created_at), `${where}: ${group.updated_at}`).toBe(true)
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

describe('shoptet examples tell one story', () => {
  type Group = Record<string, unknown> & { id: number; name: string; priority: number | null }
  const example = (operationId: string, status: string, name: string) =>
    operationOf('shoptet', operationId).responses[status]?.content?.['application/json']?.examples?.[name]
      ?.value
  const groupsOf = (value: unknown) => (value as { data: { customerGroups: Group[] } }).data.customerGroups
  const listed = groupsOf(example('listCustomerGroups', '200', 'allGroups'))

  it('the list is ordered by priority and shows the default group 1 and group 7', () => {
    const priorities = listed.map((group) => group.priority ?? Number.POSITIVE_INFINITY)
    expect(priorities).toEqual([...priorities].sort((a, b) => a - b))
    expect(listed.map((group) => group.id)).toEqual(expect.arrayContaining([1, 7]))
  })

  it('the update answers with the groups the list shows', () => {
    expect(groupsOf(example('updateCustomerGroup', '200', 'updated'))).toEqual(listed)
  })

  it('the creation answers with the listed groups and the new one, as requested and with the documented defaults', () => {
    const created = groupsOf(example('createCustomerGroup', '201', 'created'))
    expect(created.slice(0, listed.length)).toEqual(listed)
    expect(created).toHaveLength(listed.length + 1)
    const added = created.at(-1) as Group
    const request = operationOf('shoptet', 'createCustomerGroup').requestBody?.content['application/json']
    const { data: requested } = (request?.examples?.vipCustomers?.value ?? { data: {} }) as {
      data: Record<string, unknown>
    }
    expect(requested).toHaveProperty('name')
    expect(added).toMatchObject(requested)
    for (const [path, value] of Object.entries(factsOf('shoptet', 'createCustomerGroup').defaults ?? {})) {
      const field = path.split('.').at(-1) ?? ''
      if (!(field in requested)) expect(added[field], field).toBe(value)
    }
    expect(listed.map((group) => group.id)).not.toContain(added.id)
  })

  it('error examples name groups that fit the story', () => {
    const duplicate = example('createCustomerGroup', '422', 'duplicateName') as {
      errors: { message: string }[]
    }
    expect(listed.some((group) => duplicate.errors[0]?.message.includes(`"${group.name}"`))).toBe(true)
    const missing = example('deleteCustomerGroup', '404', 'notFound') as { errors: { message: string }[] }
    const missingId = Number(/id (\d+)/.exec(missing.errors[0]?.message ?? '')?.[1])
    expect(listed.map((group) => group.id)).not.toContain(missingId)
  })
})
