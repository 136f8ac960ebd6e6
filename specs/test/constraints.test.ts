import { describe, expect, it } from 'vitest'
import { bodySchemaOf, operationOf, parameterSchemaOf, validates } from './spec-helpers.js'

describe('xtrakit constraints', () => {
  const editBody = bodySchemaOf('xtrakit', 'updateCustomerGroup')

  it.each([
    ['no group_name', {}],
    ['empty group_name', { group_name: '' }],
    ['unknown field', { group_name: 'A', colour: 'red' }],
    ['non-string description', { group_name: 'A', group_description: 5 }],
  ])('rejects an edit body with %s', (_, body) => {
    expect(validates('xtrakit', editBody, body)).toBe(false)
  })

  it('response schemas accept fields the docs do not name', () => {
    const ok = operationOf('xtrakit', 'updateCustomerGroup').responses['200']?.content?.['application/json']
      ?.schema
    const example = {
      status: 200,
      message: 'ok',
      data: { group: { id: 1, group_name: 'A', brandNew: true } },
      extra: 1,
    }
    expect(validates('xtrakit', ok, example)).toBe(true)
  })
})

describe('shoptet constraints', () => {
  const updateBody = bodySchemaOf('shoptet', 'updateCustomerGroup')

  it.each([
    ['defaultDueDays 366', { defaultDueDays: 366 }],
    ['defaultDueDays -1', { defaultDueDays: -1 }],
    ['defaultDueDays 1.5', { defaultDueDays: 1.5 }],
    ["maxDiscount '1'", { maxDiscount: '1' }],
    ["maxDiscount '0.99999'", { maxDiscount: '0.99999' }],
    ['maxDiscount as a number', { maxDiscount: 0.5 }],
    ['an unknown field', { nmae: 'x' }],
  ])('update rejects data with %s', (_, data) => {
    expect(validates('shoptet', updateBody, { data })).toBe(false)
  })

  it('update accepts the edges of its constraints and nulls where documented', () => {
    for (const data of [
      { defaultDueDays: 0 },
      { defaultDueDays: 365 },
      { maxDiscount: '0.9999' },
      { maxDiscount: '0' },
      { maxDiscount: null, description: null, defaultPricelistId: null, defaultDueDays: null },
    ]) {
      expect(validates('shoptet', updateBody, { data }), JSON.stringify(data)).toBe(true)
    }
    expect(validates('shoptet', updateBody, {})).toBe(false)
  })

  it('ids are integers of at least 1 and language is a language code', () => {
    const id = parameterSchemaOf('shoptet', 'updateCustomerGroup', 'id')
    const language = parameterSchemaOf('shoptet', 'updateCustomerGroup', 'language')
    expect([1, 2 ** 31].map((value) => validates('shoptet', id, value))).toEqual([true, true])
    expect([0, -1, 1.5, '1'].map((value) => validates('shoptet', id, value))).toEqual([
      false,
      false,
      false,
      false,
    ])
    expect(['cs', 'en', 'de-AT'].map((code) => validates('shoptet', language, code))).toEqual([
      true,
      true,
      true,
    ])
    expect(['', 'Czech', 'cs&x=1'].map((code) => validates('shoptet', language, code))).toEqual([
      false,
      false,
      false,
    ])
  })
})
