import { deref } from '@customer-groups/codegen'
import { describe, expect, it } from 'vitest'
import {
  bodySchemaOf,
  operationOf,
  type ProviderName,
  parameterSchemaOf,
  providers,
  specs,
  validates,
} from './spec-helpers.js'

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

  it('adding a group takes the same body as editing one', () => {
    const addBody = bodySchemaOf('xtrakit', 'createCustomerGroup')
    expect(deref(specs.xtrakit, addBody)).toBe(deref(specs.xtrakit, editBody))
    expect(validates('xtrakit', addBody, { group_name: 'Trade Buyers' })).toBe(true)
    expect(validates('xtrakit', addBody, { group_name: 'A', colour: 'red' })).toBe(false)
    expect(validates('xtrakit', addBody, { group_description: 'no name' })).toBe(false)
  })

  it.each([
    ['business_code', ['402871', '0042', '7'], ['', '12a', '-1', '1.5', ' 1', '1e3']],
    [
      'created_at',
      ['2024-08-04 08:23:45', '2024-08-04 8:3:5', '2024-12-31 23:59:59', '2024-01-01 0:00:00'],
      [
        '2024-08-04',
        '2024-08-04T08:23:45',
        '2024-08-04 08:23:45Z',
        '2024-08-04 24:00:00',
        '2024-08-04 08:60:00',
        '2024-13-01 00:00:00',
        '2024-08-04 08:23',
      ],
    ],
    [
      'updated_at',
      ['2024-08-31', '2024-02-29', '2024-01-01'],
      ['2024-8-31', '2024-08-31 00:00:00', '31-08-2024', '2024-00-10', '2024-08-32', '20240831'],
    ],
  ])('the list filter %s accepts its documented format and nothing else', (name, good, bad) => {
    const schema = parameterSchemaOf('xtrakit', 'listCustomerGroups', name)
    expect(good.filter((value) => !validates('xtrakit', schema, value))).toEqual([])
    expect(bad.filter((value) => validates('xtrakit', schema, value))).toEqual([])
  })

  it('the list accepts data.groups as a list or as a single group, and nothing else', () => {
    const schema = operationOf('xtrakit', 'listCustomerGroups').responses['200']?.content?.[
      'application/json'
    ]?.schema
    const group = { id: 1, group_name: 'Premium Customers' }
    const list = (groups: unknown) => ({ status: 200, message: 'Groups found: 1', data: { groups } })
    expect(validates('xtrakit', schema, list([group, { ...group, id: 2 }]))).toBe(true)
    expect(validates('xtrakit', schema, list([]))).toBe(true)
    expect(validates('xtrakit', schema, list(group))).toBe(true)
    expect(validates('xtrakit', schema, list('Premium Customers'))).toBe(false)
    expect(validates('xtrakit', schema, list([{ group_name: 'no id' }]))).toBe(false)
    expect(validates('xtrakit', schema, { status: 200, message: 'Groups found: 0', data: {} })).toBe(false)
  })

  it('a group needs only its id and name; user_id and business_code are optional', () => {
    const schema = operationOf('xtrakit', 'getCustomerGroup').responses['200']?.content?.['application/json']
      ?.schema
    const found = (group: unknown) => ({ status: 200, message: 'Group found', data: { group } })
    expect(validates('xtrakit', schema, found({ id: 1, group_name: 'A' }))).toBe(true)
    expect(
      validates(
        'xtrakit',
        schema,
        found({
          id: 1,
          group_name: 'A',
          user_id: '3f6c2a9e-8b1d-4e57-a0c4-9d2e7b5f1a36',
          business_code: '402871',
        }),
      ),
    ).toBe(true)
    expect(validates('xtrakit', schema, found({ id: 1, group_name: 'A', business_code: 'ABC' }))).toBe(false)
    expect(validates('xtrakit', schema, found({ id: '1', group_name: 'A' }))).toBe(false)
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
      { maxDiscount: '0.5500' },
      { maxDiscount: '0.0000' },
      { maxDiscount: null, description: null, defaultPricelistId: null, defaultDueDays: null },
      { name: 'W' },
      { name: 'W'.repeat(255) },
      { defaultOrderStatusId: -2 },
      { defaultOrderStatusId: null },
    ]) {
      expect(validates('shoptet', updateBody, { data }), JSON.stringify(data)).toBe(true)
    }
    expect(validates('shoptet', updateBody, {})).toBe(false)
  })

  it.each([
    ['an empty name', { name: '' }],
    ['a name of 256 characters', { name: 'W'.repeat(256) }],
    ["maxDiscount '0.55' (two decimals)", { maxDiscount: '0.55' }],
    ["maxDiscount '0' (no decimals)", { maxDiscount: '0' }],
    ["maxDiscount '1.0000' (above 0.9999)", { maxDiscount: '1.0000' }],
    ["maxDiscount '00.5000' (a padded whole part)", { maxDiscount: '00.5000' }],
    [
      "maxDiscount 'x0.5000' (text the unanchored published pattern lets through)",
      { maxDiscount: 'x0.5000' },
    ],
    ["defaultOrderStatusId '-2' (a string)", { defaultOrderStatusId: '-2' }],
    ['defaultOrderStatusId 1.5', { defaultOrderStatusId: 1.5 }],
    ['customerGroupCode (read-only)', { customerGroupCode: 'retail' }],
    ['priority (read-only)', { priority: 1 }],
  ])('update rejects data with %s', (_, data) => {
    expect(validates('shoptet', updateBody, { data })).toBe(false)
  })

  it('update rejects an empty data object: it must change at least one field', () => {
    expect(validates('shoptet', updateBody, { data: {} })).toBe(false)
  })

  it('a group in a response may carry defaultOrderStatusId, or leave it out', () => {
    const response = operationOf('shoptet', 'updateCustomerGroup').responses['200']?.content?.[
      'application/json'
    ]?.schema
    const group = {
      id: 7,
      name: 'Wholesale partners',
      customerGroupCode: null,
      description: null,
      defaultPricelistId: null,
      maxDiscount: null,
      priority: null,
      emailNotification: false,
      authRequired: false,
      registrationAllowed: true,
      wholesale: false,
      tableLayout: false,
      fullProfileRequired: false,
    }
    const body = (g: unknown) => ({ data: { customerGroups: [g] }, errors: null })
    expect(validates('shoptet', response, body(group))).toBe(true)
    expect(validates('shoptet', response, body({ ...group, defaultOrderStatusId: -2 }))).toBe(true)
    expect(validates('shoptet', response, body({ ...group, defaultOrderStatusId: null }))).toBe(true)
    expect(validates('shoptet', response, body({ ...group, defaultOrderStatusId: 'new' }))).toBe(false)
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

  describe('creation', () => {
    const createBody = bodySchemaOf('shoptet', 'createCustomerGroup')
    const create = (data: unknown) => validates('shoptet', createBody, { data })

    it('needs a name and accepts every optional field the update takes', () => {
      expect(create({ name: 'VIP customers' })).toBe(true)
      expect(
        create({
          name: 'VIP customers',
          description: null,
          defaultPricelistId: null,
          emailNotification: true,
          authRequired: true,
          maxDiscount: '0.2000',
          defaultDueDays: 365,
          registrationAllowed: false,
          wholesale: true,
          tableLayout: true,
          fullProfileRequired: true,
          defaultOrderStatusId: -2,
        }),
      ).toBe(true)
      expect(create({})).toBe(false)
      expect(create({ description: 'no name' })).toBe(false)
      expect(validates('shoptet', createBody, {})).toBe(false)
    })

    it.each([
      ['an empty name', { name: '' }],
      ['a name of 256 characters', { name: 'W'.repeat(256) }],
      ['a null name', { name: null }],
      ["maxDiscount '0.55'", { name: 'A', maxDiscount: '0.55' }],
      ["maxDiscount '1.0000'", { name: 'A', maxDiscount: '1.0000' }],
      ['defaultDueDays 366', { name: 'A', defaultDueDays: 366 }],
      ['an unknown field', { name: 'A', colour: 'red' }],
      ['customerGroupCode (read-only)', { name: 'A', customerGroupCode: 'a' }],
      ['priority (read-only)', { name: 'A', priority: 3 }],
      ['id', { name: 'A', id: 8 }],
    ])('rejects data with %s', (_, data) => {
      expect(create(data)).toBe(false)
    })

    it('accepts the documented edges', () => {
      for (const data of [
        { name: 'W'.repeat(255) },
        { name: 'A', maxDiscount: '0.9999' },
        { name: 'A', maxDiscount: '0.5500' },
        { name: 'A', maxDiscount: null },
        { name: 'A', defaultOrderStatusId: -2 },
        { name: 'A', defaultDueDays: 0 },
      ]) {
        expect(create(data), JSON.stringify(data)).toBe(true)
      }
    })

    it('rejects an unknown field beside data', () => {
      expect(validates('shoptet', createBody, { data: { name: 'A' }, extra: true })).toBe(false)
    })
  })

  describe('deletion', () => {
    it('takes an integer id of at least 1', () => {
      const id = parameterSchemaOf('shoptet', 'deleteCustomerGroup', 'id')
      expect([1, 7].map((value) => validates('shoptet', id, value))).toEqual([true, true])
      expect([0, 1.5, '7'].map((value) => validates('shoptet', id, value))).toEqual([false, false, false])
    })

    it('answers data null or an empty object', () => {
      const ok = operationOf('shoptet', 'deleteCustomerGroup').responses['200']?.content?.['application/json']
        ?.schema
      expect(validates('shoptet', ok, { data: null, errors: null })).toBe(true)
      expect(validates('shoptet', ok, { data: {}, errors: [] })).toBe(true)
      expect(validates('shoptet', ok, { data: [], errors: null })).toBe(false)
    })
  })
})

describe.each(providers)('%s patterns', (provider: ProviderName) => {
  it('each has its rule in words beside it (x-customer-groups-pattern), for error messages', () => {
    const unworded: string[] = []
    const walk = (node: unknown, path: string) => {
      if (typeof node !== 'object' || node === null) return
      const record = node as Record<string, unknown>
      if (typeof record.pattern === 'string' && typeof record['x-customer-groups-pattern'] !== 'string')
        unworded.push(path)
      for (const [key, child] of Object.entries(record))
        if (key !== 'example' && key !== 'examples') walk(child, `${path}/${key}`)
    }
    walk(specs[provider], '#')
    expect(unworded).toEqual([])
  })
})
