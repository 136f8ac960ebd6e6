import { jsonResponse, recordingFetch } from '@customer-groups/testing'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createShoptetApi } from './api.js'
import {
  createShoptet,
  InvalidArgumentError,
  NotFoundError,
  PermissionDeniedError,
  parseBucketFilling,
  RateLimitError,
  type ShoptetSettings,
  shoptet,
  UnprocessableEntityError,
} from './index.js'
import { shoptetCustomerGroup, shoptetUpdateResponse } from './testing.js'

const accessToken = 'shoptet_access_TOPSECRET'
const success = shoptetUpdateResponse([
  shoptetCustomerGroup({
    customerGroupCode: 'vip',
    defaultPricelistId: 1,
    maxDiscount: '0.1500',
    priority: 1,
  }),
])

function setup(respond = () => jsonResponse(200, success), settings: ShoptetSettings = { accessToken }) {
  const recorder = recordingFetch(respond)
  const client = createShoptet({
    baseUrl: 'https://api.shoptet.test',
    fetch: recorder.fetch,
    maxRetries: 0,
    ...settings,
  })
  return { client, requests: recorder.requests }
}

afterEach(() => {
  vi.unstubAllEnvs()
})

describe('createShoptet', () => {
  it('PATCHes the input wrapped in data, with the token header, JSON content type and language', async () => {
    const { client, requests } = setup()
    const body = await client.updateCustomerGroup({
      id: 7,
      name: 'VIP',
      maxDiscount: '0.1500',
      language: 'cs',
    })
    expect(body).toEqual(success)
    const [request] = requests
    expect(request?.method).toBe('PATCH')
    expect(request?.url.href).toBe('https://api.shoptet.test/api/customers/groups/7?language=cs')
    expect(request?.headers.get('shoptet-access-token')).toBe(accessToken)
    expect(request?.headers.get('shoptet-private-api-token')).toBeNull()
    expect(request?.headers.get('content-type')).toBe('application/json')
    expect(JSON.parse(request?.body ?? '')).toEqual({ data: { name: 'VIP', maxDiscount: '0.1500' } })
    const elsewhere = [...(request?.headers.entries() ?? [])].filter(
      ([name]) => name !== 'shoptet-access-token',
    )
    expect(JSON.stringify(elsewhere) + request?.url.href + request?.body).not.toContain(accessToken)
  })

  it('sends no language query when none is given', async () => {
    const { client, requests } = setup()
    await client.updateCustomerGroup({ id: 7, name: 'VIP' })
    expect(requests[0]?.url.search).toBe('')
  })

  it('falls back to the private API token', async () => {
    vi.stubEnv('SHOPTET_ACCESS_TOKEN', '')
    const { client, requests } = setup(undefined, { privateApiToken: 'private-token' })
    await client.updateCustomerGroup({ id: 7, name: 'VIP' })
    expect(requests[0]?.headers.get('shoptet-private-api-token')).toBe('private-token')
    expect(requests[0]?.headers.get('shoptet-access-token')).toBeNull()
  })

  it.each([
    [{ defaultDueDays: 400 }, 'defaultDueDays', 'maximum'],
    [{ defaultDueDays: -1 }, 'defaultDueDays', 'minimum'],
    [{ maxDiscount: '1.5' }, 'maxDiscount', 'pattern'],
    [{ maxDiscount: 0.5 }, 'maxDiscount', 'type'],
    [{ nmae: 'typo' }, 'nmae', 'unknown-field'],
    [{ wholesale: 'yes' }, 'wholesale', 'type'],
  ])('rejects %j before sending, naming the field as passed', async (input, field, code) => {
    const { client, requests } = setup()
    const error = await client
      .updateCustomerGroup({ ...(input as object), id: 7 } as never)
      .catch((caught: unknown) => caught)
    expect(InvalidArgumentError.isInstance(error)).toBe(true)
    expect((error as InvalidArgumentError).issues).toContainEqual(expect.objectContaining({ field, code }))
    expect(requests).toHaveLength(0)
  })

  it.each([0, -3, 1.5, Number.NaN])('rejects the id %d before sending', async (id) => {
    const { client, requests } = setup()
    await expect(client.updateCustomerGroup({ id, name: 'VIP' })).rejects.toBeInstanceOf(InvalidArgumentError)
    expect(requests).toHaveLength(0)
  })

  it('rejects a malformed language code before sending', async () => {
    const { client, requests } = setup()
    const error = await client
      .updateCustomerGroup({ id: 7, name: 'VIP', language: 'cs&evil=1' })
      .catch((caught: unknown) => caught)
    expect((error as InvalidArgumentError).issues).toContainEqual(
      expect.objectContaining({ field: 'language' }),
    )
    expect(requests).toHaveLength(0)
  })

  it.each([
    [403, PermissionDeniedError],
    [404, NotFoundError],
    [422, UnprocessableEntityError],
    [429, RateLimitError],
  ])('maps %i to %o with errors[] and the request id', async (status, ErrorClass) => {
    const envelope = {
      data: null,
      errors: [{ errorCode: 'some-code', message: 'Something is wrong.', instance: 'data.name' }],
      metadata: { requestId: 'req-1' },
    }
    const { client } = setup(() => jsonResponse(status, envelope))
    const error = await client.updateCustomerGroup({ id: 7, name: 'VIP' }).catch((caught: unknown) => caught)
    expect(ErrorClass.isInstance(error)).toBe(true)
    expect(error).toMatchObject({
      status,
      provider: 'shoptet',
      requestId: 'req-1',
      errors: [{ code: 'some-code', message: 'Something is wrong.', instance: 'data.name' }],
    })
  })

  it('maps the proxy 429 without a JSON envelope to RateLimitError', async () => {
    const { client } = setup(() => new Response('Too Many Requests', { status: 429 }))
    const error = await client.updateCustomerGroup({ id: 7, name: 'VIP' }).catch((caught: unknown) => caught)
    expect(RateLimitError.isInstance(error)).toBe(true)
    expect(error).toMatchObject({ body: 'Too Many Requests', errors: [], retryAfterMs: undefined })
  })

  it('retries 423 (locked) and exposes the rate-limit bucket', async () => {
    const recorder = recordingFetch((_, index) =>
      index === 0
        ? jsonResponse(423, { data: null, errors: [] }, { 'retry-after': '0' })
        : jsonResponse(200, success, { 'X-RateLimit-Bucket-Filling': '12/200' }),
    )
    const client = createShoptet({ accessToken, baseUrl: 'https://api.shoptet.test', fetch: recorder.fetch })
    const { response } = await client.updateCustomerGroup({ id: 7, name: 'VIP' }).withResponse()
    expect(response.attempts).toBe(2)
    expect(response.provider).toEqual({ rateLimitBucket: { current: 12, max: 200 } })
  })

  it('logs a warning for deprecation headers', async () => {
    const warn = vi.fn()
    const { client } = setup(
      () => jsonResponse(200, success, { 'X-Shoptet-Deprecated': 'true', Sunset: 'Wed, 1 Jul 2027' }),
      {
        accessToken,
        logger: { debug() {}, info() {}, warn, error() {} },
      },
    )
    await client.updateCustomerGroup({ id: 7, name: 'VIP' })
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/deprecated/), {
      deprecated: 'true',
      sunset: 'Wed, 1 Jul 2027',
    })
  })

  it('names both settings and variables when no token is set', async () => {
    vi.stubEnv('SHOPTET_ACCESS_TOKEN', '')
    vi.stubEnv('SHOPTET_PRIVATE_API_TOKEN', '')
    const { client, requests } = setup(undefined, {})
    await expect(client.updateCustomerGroup({ id: 7, name: 'VIP' })).rejects.toThrow(
      /accessToken.*privateApiToken.*SHOPTET_ACCESS_TOKEN.*SHOPTET_PRIVATE_API_TOKEN/,
    )
    expect(requests).toHaveLength(0)
  })

  it('reads credentials and base URL from the environment at call time', async () => {
    const recorder = recordingFetch(() => jsonResponse(200, success))
    const client = createShoptet({ fetch: recorder.fetch })
    vi.stubEnv('SHOPTET_ACCESS_TOKEN', 'env-token')
    vi.stubEnv('SHOPTET_BASE_URL', 'http://127.0.0.1:4011')
    await client.updateCustomerGroup({ id: 7, name: 'VIP' })
    expect(recorder.requests[0]?.headers.get('shoptet-access-token')).toBe('env-token')
    expect(recorder.requests[0]?.url.origin).toBe('http://127.0.0.1:4011')
    expect(shoptet.providerId).toBe('shoptet')
  })

  it('makes the typed openapi-fetch client from ./api, through the same pipeline', async () => {
    const { client, requests } = setup()
    const { data, response } = await createShoptetApi(client).PATCH('/api/customers/groups/{id}', {
      params: { path: { id: 7 }, header: { 'Content-Type': 'application/json' } },
      body: { data: { name: 'VIP' } },
    })
    expect(response.status).toBe(200)
    expect(data?.data.customerGroups[0]?.name).toBe('VIP')
    expect(requests[0]?.headers.get('shoptet-access-token')).toBe(accessToken)
    expect(requests[0]?.url.href).toBe('https://api.shoptet.test/api/customers/groups/7')
  })

  it('parses the bucket filling header', () => {
    expect(parseBucketFilling('3/200')).toEqual({ current: 3, max: 200 })
    expect(parseBucketFilling('garbage')).toBeUndefined()
    expect(parseBucketFilling(null)).toBeUndefined()
  })
})
