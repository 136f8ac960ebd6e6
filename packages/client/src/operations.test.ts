import type {
  CustomerGroupProvider,
  ProviderCapabilities,
  ProviderUpdateRequest,
} from '@customer-groups/runtime'
import { describe, expect, it, vi } from 'vitest'
import {
  InvalidArgumentError,
  NotFoundError,
  updateCustomerGroup,
  updateCustomerGroupEverywhere,
} from './index.js'

/** A third-party provider: nothing but the runtime's interface. */
function fakeProvider(
  providerId: string,
  capabilities: Partial<ProviderCapabilities> = {},
  behaviour: (request: ProviderUpdateRequest) => unknown = () => undefined,
) {
  const calls: ProviderUpdateRequest[] = []
  const provider: CustomerGroupProvider<{ echo: ProviderUpdateRequest }> = {
    providerId,
    capabilities: {
      fields: ['name', 'description'],
      updateMode: 'patch',
      requiredFields: [],
      canClearDescription: true,
      providerOptions: ['tier'],
      ...capabilities,
    },
    async doUpdateCustomerGroup(request) {
      calls.push(request)
      await behaviour(request)
      return {
        group: {
          id: request.id,
          name: request.name ?? 'unchanged',
          description: request.description ?? null,
          provider: providerId,
        },
        warnings: [{ type: 'provider-error', message: 'from the provider' }],
        raw: { echo: request },
        response: { status: 200, headers: {}, attempts: 1 },
      }
    },
  }
  return { provider, calls }
}

describe('updateCustomerGroup', () => {
  it('works with any provider that implements the interface', async () => {
    const { provider, calls } = fakeProvider('acme')
    const controller = new AbortController()
    const result = await updateCustomerGroup({
      provider,
      id: '42',
      name: 'VIP',
      description: null,
      providerOptions: { acme: { tier: 'gold' } },
      signal: controller.signal,
      maxRetries: 1,
      timeoutMs: 500,
    })
    expect(calls).toEqual([
      {
        id: '42',
        name: 'VIP',
        description: null,
        options: { tier: 'gold' },
        signal: controller.signal,
        maxRetries: 1,
        timeoutMs: 500,
      },
    ])
    expect(result.group).toEqual({ id: '42', name: 'VIP', description: null, provider: 'acme' })
    expect(result.raw.echo.id).toBe('42')
    expect(result.response.status).toBe(200)
    expect(result.warnings).toEqual([{ type: 'provider-error', message: 'from the provider' }])
  })

  it("warns about other providers' options instead of dropping them silently", async () => {
    const { provider, calls } = fakeProvider('acme')
    const result = await updateCustomerGroup({
      provider,
      id: '1',
      name: 'A',
      providerOptions: { shoptet: { maxDiscount: '0.1' } },
    })
    expect(result.warnings[0]).toEqual({
      type: 'unsupported-option',
      field: 'providerOptions.shoptet',
      message: 'options for shoptet were ignored by acme',
    })
    expect(calls[0]?.options).toEqual({})
  })

  it('warns about a field the provider does not store', async () => {
    const { provider } = fakeProvider('acme', { fields: ['name'] })
    const result = await updateCustomerGroup({ provider, id: '1', name: 'A', description: 'x' })
    expect(result.warnings[0]).toMatchObject({ type: 'unsupported-field', field: 'description' })
  })

  it.each([
    [
      'a missing required name',
      { requiredFields: ['name'] as const, updateMode: 'replace' as const },
      {},
      'name',
      'required',
    ],
    [
      'clearing a description it cannot clear',
      { canClearDescription: false },
      { name: 'A', description: null },
      'description',
      'not null',
    ],
    [
      'an unknown own option',
      {},
      { name: 'A', providerOptions: { acme: { tierr: 'gold' } } },
      'providerOptions.acme.tierr',
      'known option',
    ],
    ['an empty id', {}, { id: '', name: 'A' }, 'id', 'non-empty string'],
  ])('refuses %s before calling the provider', async (_, capabilities, input, field, rule) => {
    const { provider, calls } = fakeProvider('acme', capabilities as Partial<ProviderCapabilities>)
    const error = await updateCustomerGroup({ provider, id: '1', ...input }).catch(
      (caught: unknown) => caught,
    )
    expect(InvalidArgumentError.isInstance(error)).toBe(true)
    expect((error as InvalidArgumentError).issues).toContainEqual(expect.objectContaining({ field, rule }))
    expect(calls).toHaveLength(0)
  })

  it('refuses something that is not a provider', async () => {
    await expect(updateCustomerGroup({ provider: {} as never, id: '1' })).rejects.toThrow(/provider instance/)
  })

  it("passes the provider's typed errors through unchanged", async () => {
    const notFound = new NotFoundError({ provider: 'acme', status: 404, headers: {}, body: null, errors: [] })
    const { provider } = fakeProvider('acme', {}, () => {
      throw notFound
    })
    await expect(updateCustomerGroup({ provider, id: '1', name: 'A' })).rejects.toBe(notFound)
  })
})

describe('updateCustomerGroupEverywhere', () => {
  it('reports every target, failures included, and never rejects', async () => {
    const good = fakeProvider('good')
    const strict = fakeProvider('strict', { requiredFields: ['name'] })
    const broken = fakeProvider('broken', {}, () => {
      throw new Error('boom')
    })
    const slow = fakeProvider('slow', {}, () => new Promise((resolve) => setTimeout(resolve, 20)))
    const results = await updateCustomerGroupEverywhere({
      targets: [
        { provider: good.provider, id: '1' },
        { provider: strict.provider, id: '2' },
        { provider: broken.provider, id: '3' },
        { provider: slow.provider, id: '4' },
      ],
      description: 'shared',
    })
    expect(results.map((result) => [result.providerId, result.id, result.ok])).toEqual([
      ['good', '1', true],
      ['strict', '2', false],
      ['broken', '3', false],
      ['slow', '4', true],
    ])
    const [, strictResult, brokenResult] = results
    expect(strictResult?.ok === false && InvalidArgumentError.isInstance(strictResult.error)).toBe(true)
    expect(brokenResult?.ok === false && (brokenResult.error as Error).message).toBe('boom')
  })

  it('runs the targets concurrently', async () => {
    const started: number[] = []
    const make = (id: string) =>
      fakeProvider(id, {}, async () => {
        started.push(Date.now())
        await new Promise((resolve) => setTimeout(resolve, 50))
      }).provider
    const spy = vi.fn()
    await updateCustomerGroupEverywhere({
      targets: [
        { provider: make('a'), id: '1' },
        { provider: make('b'), id: '2' },
      ],
      name: 'X',
    }).then(spy)
    expect(spy).toHaveBeenCalledOnce()
    expect(Math.abs((started[0] ?? 0) - (started[1] ?? 0))).toBeLessThan(40)
  })
})
