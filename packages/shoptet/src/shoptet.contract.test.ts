import { readFileSync } from 'node:fs'
import { describe, expect, inject, it } from 'vitest'
import { parse } from 'yaml'
import { APIError, createShoptet, InvalidArgumentError, type ShoptetSettings } from './index.js'

// The mock runs from the spec this package ships; its examples are what the mock answers.
const spec = parse(readFileSync(new URL('../openapi.yaml', import.meta.url), 'utf8'))
const operation = spec.paths['/api/customers/groups/{id}'].patch
const examples = (status: string) => operation.responses[status].content['application/json'].examples
const sampleInput = operation.requestBody.content['application/json'].examples.renameWithDiscount.value.data
const baseUrl = inject('mockServers').shoptet as string

function client(settings: ShoptetSettings = {}) {
  const seen: { url: string; headers: Headers; violations: string | null }[] = []
  const instance = createShoptet({
    accessToken: 'test-token',
    baseUrl,
    maxRetries: 0,
    fetch: async (input, init) => {
      const request = new Request(input, init)
      const response = await fetch(request)
      seen.push({
        url: request.url,
        headers: request.headers,
        violations: response.headers.get('sl-violations'),
      })
      return response
    },
    ...settings,
  })
  return { client: instance, seen }
}

function rawPatch(
  path: string,
  body: unknown,
  headers: Record<string, string> = { 'shoptet-access-token': 't' },
) {
  return fetch(`${baseUrl}${path}`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  })
}

describe('shoptet contract (Prism)', () => {
  it('updates a group with language and headers that validate, and gets the example back', async () => {
    const { client: shoptet, seen } = client()
    const body = await shoptet.updateCustomerGroup(7, sampleInput, { language: 'cs' })
    expect(body).toEqual(examples('200').updated.value)
    expect(seen).toHaveLength(1)
    expect(new URL(seen[0]?.url ?? '').searchParams.get('language')).toBe('cs')
    expect(seen[0]?.headers.get('content-type')).toBe('application/json')
    expect(seen[0]?.violations).toBeNull()
  })

  it('returns the non-fatal errors of a successful update', async () => {
    const { client: shoptet, seen } = client({ headers: { Prefer: 'example=updatedWithWarning' } })
    const body = await shoptet.updateCustomerGroup(7, { name: 'Wholesale partners' })
    expect(body.errors).toEqual(examples('200').updatedWithWarning.value.errors)
    expect(seen[0]?.violations).toBeNull()
  })

  const errorStatuses = Object.keys(operation.responses).filter((status) => status !== '200')
  it.each(errorStatuses)('surfaces %s as the matching error class with errors[]', async (status) => {
    const { client: shoptet } = client({ headers: { Prefer: `code=${status}` } })
    const error = await shoptet.updateCustomerGroup(7, sampleInput).catch((caught: unknown) => caught)
    expect(APIError.isInstance(error)).toBe(true)
    const [example] = Object.values(examples(status)) as { value: { errors: Record<string, string>[] } }[]
    const expected = example?.value.errors.map(({ errorCode, message, instance }) => ({
      code: errorCode,
      message,
      instance,
    }))
    expect(error).toMatchObject({ status: Number(status), provider: 'shoptet', errors: expected })
    const classFor: Record<string, string> = {
      401: 'AuthenticationError',
      403: 'PermissionDeniedError',
      404: 'NotFoundError',
      409: 'ConflictError',
      422: 'UnprocessableEntityError',
      429: 'RateLimitError',
      503: 'InternalServerError',
    }
    expect((error as Error).name).toBe(classFor[status] ?? 'APIError')
  })

  const invalid: [string, unknown, Record<string, unknown>][] = [
    ['defaultDueDays 400', 7, { defaultDueDays: 400 }],
    ["maxDiscount '1.5'", 7, { maxDiscount: '1.5' }],
    ['an unknown field', 7, { nmae: 'typo' }],
    ['id 0', 0, { name: 'x' }],
    ['a non-integer id', 'abc', { name: 'x' }],
  ]
  it.each(invalid)('client and Prism both reject %s', async (_, id, input) => {
    const raw = await rawPatch(`/api/customers/groups/${String(id)}`, { data: input })
    expect(raw.status).toBe(422)
    const { client: shoptet, seen } = client()
    await expect(shoptet.updateCustomerGroup(id as number, input as never)).rejects.toBeInstanceOf(
      InvalidArgumentError,
    )
    expect(seen).toEqual([])
  })

  it('client and Prism both refuse a request without a token', async () => {
    const raw = await rawPatch('/api/customers/groups/7', { data: {} }, {})
    expect(raw.status).toBe(401)
    const saved = { ...process.env }
    delete process.env.SHOPTET_ACCESS_TOKEN
    delete process.env.SHOPTET_PRIVATE_API_TOKEN
    try {
      await expect(createShoptet({ baseUrl }).updateCustomerGroup(7, {})).rejects.toBeInstanceOf(
        InvalidArgumentError,
      )
    } finally {
      Object.assign(process.env, saved)
    }
  })
})
