import { createShoptet } from '@customer-groups/shoptet'
import { createXtrakit } from '@customer-groups/xtrakit'
import { describe, expect, inject, it } from 'vitest'
import {
  AuthenticationError,
  checkCustomerGroupUpdate,
  InvalidArgumentError,
  type UpdateCustomerGroupOptions,
  updateCustomerGroup,
  updateCustomerGroupEverywhere,
} from './index.js'

const urls = inject('mockServers')
const xtrakit = createXtrakit({ apiKey: 'test-key', baseUrl: urls.xtrakit as string, maxRetries: 0 })
const shoptet = createShoptet({ accessToken: 'test-token', baseUrl: urls.shoptet as string, maxRetries: 0 })

describe('facade against the Prism mocks', () => {
  it('normalizes an Xtrakit update, timestamps unchanged', async () => {
    const result = await updateCustomerGroup({
      provider: xtrakit,
      id: '1',
      name: 'Premium Customers',
      description: 'Spent over $1000',
    })
    expect(result.group).toEqual({
      id: '1',
      name: 'Premium Customers',
      description: 'Customers who have spent over $1000 and have been with the business for over a year.',
      createdAt: '2024-08-04 08:23:45',
      updatedAt: '2024-08-06 14:02:43',
      provider: 'xtrakit',
    })
    expect(result.response.status).toBe(200)
    expect(result.response.headers['sl-violations']).toBeUndefined()
    expect(result.warnings).toEqual([])
  })

  it('picks the updated Shoptet group out of the full list and keeps its own fields', async () => {
    const result = await updateCustomerGroup({
      provider: shoptet,
      id: '7',
      name: 'Wholesale partners',
      // Another provider's key is a type error; at run time it is a warning, never silently dropped.
      providerOptions: { shoptet: { maxDiscount: '0.1500', language: 'cs' }, xtrakit: {} } as never,
    })
    expect(result.group).toMatchObject({ id: '7', name: 'Wholesale partners', provider: 'shoptet' })
    expect(result.group.providerMetadata?.shoptet).toMatchObject({
      maxDiscount: '0.1500',
      customerGroupCode: 'wholesale-partners',
    })
    expect(result.warnings).toEqual([
      {
        type: 'unsupported-option',
        field: 'providerOptions.xtrakit',
        message: 'options for xtrakit were ignored by shoptet',
      },
    ])
  })

  it("turns Shoptet's non-fatal errors into warnings", async () => {
    const withWarning = createShoptet({
      accessToken: 't',
      baseUrl: urls.shoptet as string,
      headers: { Prefer: 'example=updatedWithWarning' },
    })
    const result = await updateCustomerGroup({ provider: withWarning, id: '7', name: 'Wholesale partners' })
    expect(result.warnings).toEqual([
      {
        type: 'provider-error',
        field: 'data.tableLayout',
        message:
          'wholesale-module-inactive: The table layout was not changed because the Wholesale module is not active.',
      },
    ])
  })

  it('updates both at once and reports a partial failure without losing the success', async () => {
    const unauthorized = createXtrakit({
      apiKey: 'k',
      baseUrl: urls.xtrakit as string,
      headers: { Prefer: 'code=401, example=invalidApiKey' },
    })
    const results = await updateCustomerGroupEverywhere({
      targets: [
        { provider: unauthorized, id: '1' },
        { provider: shoptet, id: '7' },
      ],
      name: 'Wholesale partners',
    })
    expect(results[0]?.ok).toBe(false)
    expect(results[0]?.ok === false && AuthenticationError.isInstance(results[0].error)).toBe(true)
    expect(results[1]).toMatchObject({ ok: true, providerId: 'shoptet', group: { id: '7' } })
  })

  it('refuses what a provider cannot honour before sending', async () => {
    await expect(
      updateCustomerGroup({ provider: xtrakit, id: '1', description: null }),
    ).rejects.toBeInstanceOf(InvalidArgumentError)
    await expect(updateCustomerGroup({ provider: shoptet, id: 'abc', name: 'x' })).rejects.toBeInstanceOf(
      InvalidArgumentError,
    )
    await expect(
      updateCustomerGroup({
        provider: shoptet,
        id: '7',
        providerOptions: { shoptet: { maxDiscount: '1.5' } },
      }),
    ).rejects.toThrow(
      'providerOptions.shoptet.maxDiscount: must be four decimals from 0.0000 to 0.9999, e.g. 0.1500 (pattern)',
    )
  })

  it('words a broken rule from the spec, under one heading style from the facade and the client alike', async () => {
    const viaFacade = await updateCustomerGroup({
      provider: shoptet,
      id: '7',
      providerOptions: { shoptet: { maxDiscount: '1.5' } },
    }).then(
      () => undefined,
      (error: unknown) => error as Error,
    )
    const viaClient = await shoptet.updateCustomerGroup({ id: 7, maxDiscount: '1.5' }).then(
      () => undefined,
      (error: unknown) => error as Error,
    )
    expect(viaFacade?.message.split('\n')[0]).toBe('Invalid arguments for shoptet.updateCustomerGroup:')
    expect(viaClient?.message.split('\n')[0]).toBe('Invalid arguments for shoptet.updateCustomerGroup:')
    for (const error of [viaFacade, viaClient]) {
      expect(error?.message).toContain(
        'maxDiscount: must be four decimals from 0.0000 to 0.9999, e.g. 0.1500',
      )
      expect(error?.message).not.toContain('^0')
    }
  })

  it('checks an update without sending it, with the same verdict as sending it', async () => {
    const cases: UpdateCustomerGroupOptions[] = [
      { provider: xtrakit, id: '1', name: 'VIP' },
      { provider: xtrakit, id: '1', description: 'no name' },
      { provider: xtrakit, id: '..', name: 'VIP' },
      {
        provider: shoptet,
        id: '7',
        providerOptions: { shoptet: { defaultDueDays: 400, maxDiscount: '1.5' } },
      },
      { provider: shoptet, id: 'seven', name: 'x' },
      { provider: shoptet, id: '7', providerOptions: { shoptet: { language: 'cs', wholesale: true } } },
    ]
    for (const options of cases) {
      const issues = checkCustomerGroupUpdate(options)
      const sent = await updateCustomerGroup(options).then(
        () => [],
        (error: unknown) => (InvalidArgumentError.isInstance(error) ? [...error.issues] : ['other error']),
      )
      expect(issues, JSON.stringify(options.id)).toEqual(sent)
    }
    expect(
      checkCustomerGroupUpdate(cases[3] as UpdateCustomerGroupOptions)
        .map((issue) => issue.field)
        .sort(),
    ).toEqual(['providerOptions.shoptet.defaultDueDays', 'providerOptions.shoptet.maxDiscount'])
  })
})
