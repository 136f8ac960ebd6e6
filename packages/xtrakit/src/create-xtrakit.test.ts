import { jsonResponse, recordingFetch } from '@customer-groups/testing'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createXtrakitApi } from './api.js'
import {
  AuthenticationError,
  ConflictError,
  createXtrakit,
  createXtrakitTransport,
  InternalServerError,
  InvalidArgumentError,
  NotFoundError,
  RateLimitError,
  UnprocessableEntityError,
  xtrakit,
} from './index.js'

const apiKey = 'xk_live_TOPSECRET'
const success = {
  status: 200,
  message: 'Group updated successfully',
  data: {
    group: { id: 42, group_name: 'VIP', group_description: 'Big spenders', created_at: 'a', updated_at: 'b' },
  },
}

function setup(respond = () => jsonResponse(200, success)) {
  const recorder = recordingFetch(respond)
  const client = createXtrakit({
    apiKey,
    baseUrl: 'https://api.xtrakit.test/api/v1',
    fetch: recorder.fetch,
    maxRetries: 0,
  })
  return { client, requests: recorder.requests }
}

afterEach(() => {
  vi.unstubAllEnvs()
})

describe('createXtrakit', () => {
  it('PUTs the JSON body to the group URL with the bearer key', async () => {
    const { client, requests } = setup()
    const body = await client.updateCustomerGroup({
      id: '42',
      group_name: 'VIP',
      group_description: 'Big spenders',
    })
    expect(body).toEqual(success)
    expect(requests).toHaveLength(1)
    const [request] = requests
    expect(request?.method).toBe('PUT')
    expect(request?.url.href).toBe('https://api.xtrakit.test/api/v1/customer-groups/42')
    expect(request?.headers.get('authorization')).toBe(`Bearer ${apiKey}`)
    expect(request?.headers.get('content-type')).toBe('application/json')
    expect(JSON.parse(request?.body ?? '')).toEqual({ group_name: 'VIP', group_description: 'Big spenders' })
    // The key goes in Authorization only.
    const elsewhere = [...(request?.headers.entries() ?? [])].filter(([name]) => name !== 'authorization')
    expect(JSON.stringify(elsewhere) + request?.url.href + request?.body).not.toContain(apiKey)
  })

  it('keeps an id like a/../b as one encoded path segment', async () => {
    const { client, requests } = setup()
    await client.updateCustomerGroup({ id: 'a/../b', group_name: 'VIP' })
    expect(requests[0]?.url.pathname).toBe('/api/v1/customer-groups/a%2F..%2Fb')
  })

  it.each([
    [{ group_description: 'x' }, 'group_name', 'required'],
    [{ group_name: 'VIP', colour: 'red' }, 'colour', 'unknown-field'],
    [{ group_name: '' }, 'group_name', 'min-length'],
    [{ group_name: 'VIP', group_description: null }, 'group_description', 'type'],
  ])('rejects %j before sending', async (input, field, code) => {
    const { client, requests } = setup()
    const error = await client
      .updateCustomerGroup({ ...(input as object), id: '1' } as never)
      .catch((caught: unknown) => caught)
    expect(InvalidArgumentError.isInstance(error)).toBe(true)
    expect((error as InvalidArgumentError).issues).toContainEqual(expect.objectContaining({ field, code }))
    expect(requests).toHaveLength(0)
  })

  it('rejects empty and dot-segment ids before sending', async () => {
    const { client, requests } = setup()
    for (const id of ['', '.', '..']) {
      await expect(client.updateCustomerGroup({ id, group_name: 'VIP' })).rejects.toBeInstanceOf(
        InvalidArgumentError,
      )
    }
    expect(requests).toHaveLength(0)
  })

  it.each([
    [401, AuthenticationError, 'Unauthorized: Invalid API Key'],
    [404, NotFoundError, 'Customer group not found'],
    [409, ConflictError, 'Conflict'],
    [422, UnprocessableEntityError, 'The group name field is required.'],
    [429, RateLimitError, 'Too many requests'],
    [500, InternalServerError, 'Internal server error'],
  ])('maps %i to %o with the provider message', async (status, ErrorClass, message) => {
    const { client } = setup(() => jsonResponse(status, { status, error: message }))
    const error = await client
      .updateCustomerGroup({ id: '1', group_name: 'VIP' })
      .catch((caught: unknown) => caught)
    expect(ErrorClass.isInstance(error)).toBe(true)
    const apiError = error as InstanceType<typeof ErrorClass>
    expect(apiError.status).toBe(status)
    expect(apiError.provider).toBe('xtrakit')
    expect(apiError.errors).toEqual([{ code: String(status), message }])
    expect(apiError.message).toContain(message)
  })

  it('reads the key and base URL from the environment at call time, not at import', async () => {
    const recorder = recordingFetch(() => jsonResponse(200, success))
    const client = createXtrakit({ fetch: recorder.fetch })
    vi.stubEnv('XTRAKIT_API_KEY', 'from-env')
    vi.stubEnv('XTRAKIT_BASE_URL', 'http://127.0.0.1:4010')
    await client.updateCustomerGroup({ id: '1', group_name: 'VIP' })
    expect(recorder.requests[0]?.headers.get('authorization')).toBe('Bearer from-env')
    expect(recorder.requests[0]?.url.origin).toBe('http://127.0.0.1:4010')
  })

  it('names the setting and variable when the key is missing, and sends nothing', async () => {
    vi.stubEnv('XTRAKIT_API_KEY', '')
    const fetch = vi.fn()
    const error = await createXtrakit({ fetch })
      .updateCustomerGroup({ id: '1', group_name: 'VIP' })
      .catch((caught: unknown) => caught)
    expect(InvalidArgumentError.isInstance(error)).toBe(true)
    expect((error as Error).message).toMatch(/apiKey.*XTRAKIT_API_KEY/)
    expect(fetch).not.toHaveBeenCalled()
  })

  it('exposes a default instance', () => {
    expect(xtrakit.providerId).toBe('xtrakit')
  })

  it('makes the typed openapi-fetch client from ./api, over a client or a transport alone', async () => {
    const { client, requests } = setup()
    const { data } = await createXtrakitApi(client).PUT('/customer-groups/{id}', {
      params: { path: { id: '9' } },
      body: { group_name: 'Raw' },
    })
    expect(data?.data.group.group_name).toBe('VIP')
    expect(requests[0]?.headers.get('authorization')).toBe(`Bearer ${apiKey}`)
    const alone = recordingFetch(() => jsonResponse(200, success))
    const transport = createXtrakitTransport({
      apiKey,
      baseUrl: 'https://api.xtrakit.test/api/v1',
      fetch: alone.fetch,
    })
    await createXtrakitApi(transport).PUT('/customer-groups/{id}', {
      params: { path: { id: '9' } },
      body: { group_name: 'Raw' },
    })
    expect(alone.requests[0]?.url.href).toBe('https://api.xtrakit.test/api/v1/customer-groups/9')
    // @ts-expect-error a path Xtrakit's spec does not have
    void (() => createXtrakitApi(client).GET('/api/customers/groups'))
  })
})
