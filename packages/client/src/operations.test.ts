import type {
  CustomerGroupProvider,
  OperationCapabilities,
  ProviderCapabilities,
  ProviderRequest,
  ProviderTypes,
} from '@customer-groups/runtime'
import { createShoptet } from '@customer-groups/shoptet'
import { shoptetCustomerGroup, shoptetUpdateResponse } from '@customer-groups/shoptet/testing'
import { jsonResponse, recordingFetch } from '@customer-groups/testing'
import { describe, expect, expectTypeOf, it } from 'vitest'
import {
  AmbiguousNameError,
  capabilitiesOf,
  checkCustomerGroupRequest,
  createCustomerGroup,
  deleteCustomerGroup,
  findCustomerGroup,
  getCustomerGroup,
  InvalidArgumentError,
  listCustomerGroups,
  NotFoundError,
  UnsupportedOperationError,
  updateCustomerGroup,
  updateCustomerGroupEverywhere,
} from './index.js'

interface AcmeTypes extends ProviderTypes {
  readonly id: 'acme'
  readonly options: {
    list: { region?: string }
    get: Record<string, never>
    create: { tier?: string }
    update: { tier?: string }
    delete: Record<string, never>
  }
  readonly metadata: { tier: string }
  readonly raw: {
    list: { all: string[] }
    get: { one: string }
    create: { made: string }
    update: { echo: unknown }
    delete: null
  }
  readonly facts: { bucket: number }
}

const options = (...names: string[]) => ({
  providerOptions: names,
  optionSchemas: Object.fromEntries(names.map((name) => [name, { type: 'string' as const }])),
})
const everything: OperationCapabilities = {
  list: options('region'),
  get: { via: 'endpoint', ...options() },
  create: { requiredFields: ['name'], ...options('tier') },
  update: { mode: 'patch', requiredFields: [], canClearDescription: true, ...options('tier') },
  delete: options(),
}

const response = { status: 200, headers: {}, attempts: 1, durationMs: 1 }

/** A third-party provider: nothing but the runtime's interface. */
function fakeProvider(
  providerId = 'acme',
  capabilities: Partial<ProviderCapabilities> = {},
  behaviour: (request: ProviderRequest) => unknown = () => undefined,
) {
  const calls: [string, ProviderRequest][] = []
  const group = (id: string, name = 'VIP') => ({
    id,
    name,
    description: null,
    provider: providerId as 'acme',
    providerMetadata: { acme: { tier: 'gold' } },
  })
  const record = async (operation: string, request: ProviderRequest) => {
    calls.push([operation, request])
    await behaviour(request)
  }
  const provider: CustomerGroupProvider<AcmeTypes> = {
    providerId: providerId as 'acme',
    capabilities: { fields: ['name', 'description'], operations: everything, ...capabilities },
    async doListCustomerGroups(request) {
      await record('list', request)
      return {
        groups: [group('1'), group('2', 'Twin'), group('3', 'Twin')],
        warnings: [],
        raw: { all: [] },
        response,
      }
    },
    async doGetCustomerGroup(request) {
      await record('get', request)
      return { group: group(request.id), warnings: [], raw: { one: request.id }, response }
    },
    async doCreateCustomerGroup(request) {
      await record('create', request)
      return { group: group('9', request.name), warnings: [], raw: { made: request.name }, response }
    },
    async doUpdateCustomerGroup(request) {
      await record('update', request)
      return {
        group: {
          ...group(request.id, request.name ?? 'unchanged'),
          description: request.description ?? null,
        },
        warnings: [{ type: 'provider-error', message: 'from the provider' }],
        raw: { echo: request },
        response,
      }
    },
    async doDeleteCustomerGroup(request) {
      await record('delete', request)
      return { id: request.id, warnings: [], raw: null, response }
    },
  }
  return { provider, calls }
}

describe('updateCustomerGroup', () => {
  it('works with any provider that implements the interface, passing call options through', async () => {
    const { provider, calls } = fakeProvider()
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
      [
        'update',
        {
          id: '42',
          name: 'VIP',
          description: null,
          options: { tier: 'gold' },
          signal: controller.signal,
          maxRetries: 1,
          timeoutMs: 500,
        },
      ],
    ])
    expect(result.group).toMatchObject({ id: '42', name: 'VIP', description: null, provider: 'acme' })
    expect(result.response.status).toBe(200)
    expect(result.warnings).toEqual([{ type: 'provider-error', message: 'from the provider' }])
  })

  it("warns about other providers' options instead of dropping them silently", async () => {
    const { provider, calls } = fakeProvider()
    const result = await updateCustomerGroup({
      provider,
      id: '1',
      name: 'A',
      providerOptions: { shoptet: { maxDiscount: '0.1' } } as never,
    })
    expect(result.warnings[0]).toEqual({
      type: 'unsupported-option',
      field: 'providerOptions.shoptet',
      message: 'options for shoptet were ignored by acme',
    })
    expect(calls[0]?.[1].options).toEqual({})
  })

  it('warns about a field the provider does not store', async () => {
    const { provider } = fakeProvider('acme', { fields: ['name'] })
    const result = await updateCustomerGroup({ provider, id: '1', name: 'A', description: 'x' })
    expect(result.warnings[0]).toMatchObject({ type: 'unsupported-field', field: 'description' })
  })

  const replaceOnly: OperationCapabilities = {
    update: { mode: 'replace', requiredFields: ['name'], canClearDescription: false, ...options() },
  }
  it.each([
    ['a missing required name', replaceOnly, {}, 'name', 'required'],
    [
      'clearing a description it cannot clear',
      replaceOnly,
      { name: 'A', description: null },
      'description',
      'type',
    ],
    [
      'an unknown own option',
      everything,
      { name: 'A', providerOptions: { acme: { tierr: 'gold' } } },
      'providerOptions.acme.tierr',
      'unsupported-option',
    ],
    ['an empty id', everything, { id: '', name: 'A' }, 'id', 'type'],
  ])('refuses %s before calling the provider', async (_, operations, input, field, code) => {
    const { provider, calls } = fakeProvider('acme', { operations })
    const error = await updateCustomerGroup({ provider, id: '1', ...input } as never).catch(
      (caught: unknown) => caught,
    )
    expect(InvalidArgumentError.isInstance(error)).toBe(true)
    expect((error as InvalidArgumentError).issues).toContainEqual(expect.objectContaining({ field, code }))
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

describe('the other operations', () => {
  it('list, get, create and delete through the provider, with their own options checked', async () => {
    const { provider, calls } = fakeProvider()
    const listed = await listCustomerGroups({ provider, providerOptions: { acme: { region: 'eu' } } })
    expect(listed.groups.map((group) => group.id)).toEqual(['1', '2', '3'])
    const got = await getCustomerGroup({ provider, id: '2' })
    expect(got.raw).toEqual({ one: '2' })
    const created = await createCustomerGroup({
      provider,
      name: 'New',
      providerOptions: { acme: { tier: 'gold' } },
    })
    expect(created.group).toMatchObject({ id: '9', name: 'New' })
    const deleted = await deleteCustomerGroup({ provider, id: '9' })
    expect(deleted.id).toBe('9')
    expect(calls.map(([operation, request]) => [operation, request])).toEqual([
      ['list', { options: { region: 'eu' } }],
      ['get', { id: '2', options: {} }],
      ['create', { name: 'New', options: { tier: 'gold' } }],
      ['delete', { id: '9', options: {} }],
    ])
  })

  it('requires a name to create, and refuses an option of another operation', async () => {
    const { provider, calls } = fakeProvider()
    const missing = await createCustomerGroup({ provider } as never).catch((caught: unknown) => caught)
    expect((missing as InvalidArgumentError).issues).toEqual([
      { field: 'name', code: 'required', message: 'is required by acme, which needs it' },
    ])
    const wrong = await listCustomerGroups({
      provider,
      providerOptions: { acme: { tier: 'x' } as never },
    }).catch((caught: unknown) => caught)
    expect((wrong as InvalidArgumentError).issues[0]).toMatchObject({
      field: 'providerOptions.acme.tier',
      code: 'unsupported-option',
    })
    expect(calls).toHaveLength(0)
  })

  it('refuses an operation the provider lacks before sending, with a typed error', async () => {
    const { delete: _delete, ...withoutDelete } = everything
    const { provider, calls } = fakeProvider('acme', { operations: withoutDelete })
    const error = await deleteCustomerGroup({ provider, id: '1' }).catch((caught: unknown) => caught)
    expect(UnsupportedOperationError.isInstance(error)).toBe(true)
    expect(error).toMatchObject({ provider: 'acme', operation: 'deleteCustomerGroup' })
    expect(checkCustomerGroupRequest('delete', { provider, id: '1' })).toEqual([
      {
        field: 'provider',
        code: 'unsupported-operation',
        message: 'acme does not support deleteCustomerGroup',
      },
    ])
    expect(calls).toHaveLength(0)
  })

  it('finds a group by its exact name, answers undefined when absent, and refuses to guess between two', async () => {
    const { provider } = fakeProvider()
    expect((await findCustomerGroup({ provider, name: 'VIP' }))?.group.id).toBe('1')
    expect(await findCustomerGroup({ provider, name: 'vip' })).toBeUndefined()
    const error = await findCustomerGroup({ provider, name: 'Twin' }).catch((caught: unknown) => caught)
    expect(AmbiguousNameError.isInstance(error)).toBe(true)
    expect(error).toMatchObject({ ids: ['2', '3'], groupName: 'Twin' })
  })
})

describe('types inferred from the provider instance', () => {
  it('type providerOptions, metadata, raw bodies and response facts per provider', async () => {
    const { provider } = fakeProvider()
    const result = await updateCustomerGroup({
      provider,
      id: '1',
      providerOptions: { acme: { tier: 'gold' } },
    })
    expectTypeOf(result.group.providerMetadata?.acme).toEqualTypeOf<{ tier: string } | undefined>()
    expectTypeOf(result.raw).toEqualTypeOf<{ echo: unknown }>()
    expectTypeOf(result.group.provider).toEqualTypeOf<'acme'>()
    const listed = await listCustomerGroups({ provider })
    expectTypeOf(listed.raw).toEqualTypeOf<{ all: string[] }>()
    expectTypeOf(listed.response.provider).toEqualTypeOf<{ bucket: number } | undefined>()
    // @ts-expect-error: a misspelt option of this provider
    await updateCustomerGroup({ provider, id: '1', providerOptions: { acme: { tierr: 'gold' } } }).catch(
      () => {},
    )
    // @ts-expect-error: a misspelt provider key
    await updateCustomerGroup({ provider, id: '1', providerOptions: { acm: { tier: 'gold' } } }).catch(
      () => {},
    )
    // @ts-expect-error: an option of another operation
    await listCustomerGroups({ provider, providerOptions: { acme: { tier: 'gold' } } }).catch(() => {})
  })
})

describe("a provider package's client", () => {
  it('is taken as it is, typed from it, its capabilities read with capabilitiesOf', async () => {
    const answer = shoptetUpdateResponse([shoptetCustomerGroup({ id: 7, name: 'VIP' })])
    const recorder = recordingFetch(() => jsonResponse(200, answer))
    const shoptet = createShoptet({
      accessToken: 't',
      baseUrl: 'https://api.shoptet.test',
      fetch: recorder.fetch,
    })
    const result = await updateCustomerGroup({
      provider: shoptet,
      id: '7',
      name: 'VIP',
      providerOptions: { shoptet: { language: 'cs' } },
    })
    expect(result.group).toMatchObject({ id: '7', name: 'VIP', provider: 'shoptet' })
    expectTypeOf(result.group.provider).toEqualTypeOf<'shoptet'>()
    expect(recorder.requests[0]?.url.href).toBe('https://api.shoptet.test/api/customers/groups/7?language=cs')
    expect(capabilitiesOf(shoptet).operations.get?.via).toBe('list')
    expect(() => capabilitiesOf({} as never)).toThrow(/provider instance/)
    await updateCustomerGroup({
      provider: shoptet,
      id: '7',
      // @ts-expect-error: an option Shoptet's update does not have
      providerOptions: { shoptet: { tierr: 1 } },
    }).catch(() => {})
  })
})

describe('updateCustomerGroupEverywhere', () => {
  it('reports every target, failures included, and never rejects', async () => {
    const good = fakeProvider('good')
    const strict = fakeProvider('strict', {
      operations: {
        update: { mode: 'replace', requiredFields: ['name'], canClearDescription: true, ...options() },
      },
    })
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
    expect(brokenResult?.ok === false && brokenResult.error.message).toBe('boom')
  })

  it('runs the targets concurrently', async () => {
    let inFlight = 0
    let peak = 0
    const make = (id: string) =>
      fakeProvider(id, {}, async () => {
        inFlight++
        peak = Math.max(peak, inFlight)
        await new Promise((resolve) => setTimeout(resolve, 20))
        inFlight--
      }).provider
    await updateCustomerGroupEverywhere({
      targets: [
        { provider: make('a'), id: '1' },
        { provider: make('b'), id: '2' },
      ],
      name: 'X',
    })
    expect(peak).toBe(2)
  })
})
