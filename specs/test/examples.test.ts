import { deref } from '@customer-groups/codegen'
import { describe, expect, it } from 'vitest'
import { operationOf, providers, specs, validates } from './spec-helpers.js'

describe.each(providers)('%s examples', (provider) => {
  const operation = operationOf(provider)
  const cases: [string, unknown, unknown][] = []
  for (const [name, example] of Object.entries(
    operation.requestBody.content['application/json']?.examples ?? {},
  )) {
    cases.push([`request ${name}`, operation.requestBody.content['application/json']?.schema, example.value])
  }
  for (const [status, response] of Object.entries(operation.responses)) {
    for (const [name, example] of Object.entries(response.content?.['application/json']?.examples ?? {})) {
      cases.push([`${status} ${name}`, response.content?.['application/json']?.schema, example.value])
    }
  }

  it('has examples for every response', () => {
    for (const [status, response] of Object.entries(operation.responses)) {
      expect(Object.keys(response.content?.['application/json']?.examples ?? {}), status).not.toHaveLength(0)
    }
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

describe('documented constraints', () => {
  const xtrakitBody = operationOf('xtrakit').requestBody.content['application/json']?.schema
  const shoptetBody = operationOf('shoptet').requestBody.content['application/json']?.schema

  it.each([
    ['no group_name', {}],
    ['empty group_name', { group_name: '' }],
    ['unknown field', { group_name: 'A', colour: 'red' }],
    ['non-string description', { group_name: 'A', group_description: 5 }],
  ])('xtrakit rejects a body with %s', (_, body) => {
    expect(validates('xtrakit', xtrakitBody, body)).toBe(false)
  })

  it.each([
    ['defaultDueDays 366', { defaultDueDays: 366 }],
    ['defaultDueDays -1', { defaultDueDays: -1 }],
    ['defaultDueDays 1.5', { defaultDueDays: 1.5 }],
    ["maxDiscount '1'", { maxDiscount: '1' }],
    ["maxDiscount '0.99999'", { maxDiscount: '0.99999' }],
    ['maxDiscount as a number', { maxDiscount: 0.5 }],
    ['an unknown field', { nmae: 'x' }],
  ])('shoptet rejects data with %s', (_, data) => {
    expect(validates('shoptet', shoptetBody, { data })).toBe(false)
  })

  it('shoptet accepts the edges of its constraints and nulls where documented', () => {
    for (const data of [
      { defaultDueDays: 0 },
      { defaultDueDays: 365 },
      { maxDiscount: '0.9999' },
      { maxDiscount: '0' },
      { maxDiscount: null, description: null, defaultPricelistId: null, defaultDueDays: null },
    ]) {
      expect(validates('shoptet', shoptetBody, { data }), JSON.stringify(data)).toBe(true)
    }
    expect(validates('shoptet', shoptetBody, {})).toBe(false)
  })

  it('shoptet ids are integers of at least 1 and language is a language code', () => {
    const parameters = (operationOf('shoptet').parameters ?? []).map((p) =>
      deref<{ name: string; schema: unknown }>(specs.shoptet, p),
    )
    const schemaOf = (name: string) => parameters.find((p) => p.name === name)?.schema
    expect([1, 2 ** 31].map((id) => validates('shoptet', schemaOf('id'), id))).toEqual([true, true])
    expect([0, -1, 1.5, '1'].map((id) => validates('shoptet', schemaOf('id'), id))).toEqual([
      false,
      false,
      false,
      false,
    ])
    expect(['cs', 'en', 'de-AT'].map((code) => validates('shoptet', schemaOf('language'), code))).toEqual([
      true,
      true,
      true,
    ])
    expect(['', 'Czech', 'cs&x=1'].map((code) => validates('shoptet', schemaOf('language'), code))).toEqual([
      false,
      false,
      false,
    ])
  })

  it('response schemas accept fields the docs do not name; request schemas do not', () => {
    const ok = operationOf('xtrakit').responses['200']?.content?.['application/json']?.schema
    const example = {
      status: 200,
      message: 'ok',
      data: { group: { id: 1, group_name: 'A', brandNew: true } },
      extra: 1,
    }
    expect(validates('xtrakit', ok, example)).toBe(true)
  })
})
