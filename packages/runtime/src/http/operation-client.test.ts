import createClient from 'openapi-fetch'
import { describe, expect, it } from 'vitest'
import { mergeHeaders } from './merge-headers.js'
import { createOperationClient } from './operation-client.js'

interface TestPaths {
  '/groups/{id}': {
    patch: {
      parameters: { path: { id: string }; query?: { language?: string; tags?: string[] } }
      requestBody: { content: { 'application/json': { name: string } } }
      responses: { 200: { content: { 'application/json': { ok: boolean } } } }
    }
    get: {
      parameters: { path: { id: string }; header?: { 'X-Shop'?: string } }
      responses: { 200: { content: { 'application/json': { ok: boolean } } } }
    }
  }
}

interface Sent {
  url: string
  method: string | undefined
  headers: Record<string, string>
  body: string | undefined
}

/** What each client handed to fetch, in one comparable shape. */
async function sentBy(input: string | URL | Request, init?: RequestInit): Promise<Sent> {
  const request = new Request(input, init)
  const body = await request.text()
  return {
    url: request.url,
    method: request.method,
    headers: Object.fromEntries(request.headers),
    body: body === '' ? undefined : body,
  }
}

const signal = new AbortController().signal
const baseUrl = 'https://api.example.com/v1'

function bothClients() {
  const sent: Record<'ours' | 'openapiFetch', Sent[]> = { ours: [], openapiFetch: [] }
  const respond = () => new Response('{}', { headers: { 'content-type': 'application/json' } })
  const ours = createOperationClient<TestPaths>(async (url, init) => {
    sent.ours.push(await sentBy(url, init))
    return respond()
  })
  const openapiFetch = createClient<TestPaths>({
    fetch: async (request) => {
      sent.openapiFetch.push(await sentBy(request))
      return respond()
    },
  })
  return { ours, openapiFetch, sent }
}

describe('createOperationClient', () => {
  it('sends the same URL, method, headers and body as openapi-fetch for awkward input', async () => {
    const { ours, openapiFetch, sent } = bothClients()
    const options = {
      params: { path: { id: 'a/b c?ü' }, query: { language: 'c s&x=1', tags: ['x', 'y z'] } },
      body: { name: 'Ünïcode "quoted" \n line' },
      baseUrl,
      headers: { authorization: 'Bearer k', 'x-extra': 'yes' },
      signal,
    }
    await ours.PATCH('/groups/{id}', options)
    await openapiFetch.PATCH('/groups/{id}', options)
    expect(sent.ours[0]).toEqual(sent.openapiFetch[0])
    expect(sent.ours[0]?.url).toBe(
      'https://api.example.com/v1/groups/a%2Fb%20c%3F%C3%BC?language=c%20s%26x%3D1&tags=x&tags=y%20z',
    )
  })

  it('merges header parameters over the other headers and sends no content type without a body', async () => {
    const { ours, openapiFetch, sent } = bothClients()
    const options = {
      params: { path: { id: '1' }, header: { 'X-Shop': 'shop-2' } },
      baseUrl,
      headers: { 'x-shop': 'shop-1' },
      signal,
    }
    await ours.GET('/groups/{id}', options)
    await openapiFetch.GET('/groups/{id}', options)
    expect(sent.ours[0]).toEqual(sent.openapiFetch[0])
    expect(sent.ours[0]?.headers).toEqual({ 'x-shop': 'shop-2' })
  })

  it("keeps the caller's content type over the JSON default", async () => {
    const { ours, sent } = bothClients()
    await ours.PATCH('/groups/{id}', {
      params: { path: { id: '1' } },
      body: { name: 'x' },
      baseUrl,
      headers: { 'content-type': 'application/vnd.api+json' },
      signal,
    })
    expect(sent.ours[0]?.headers['content-type']).toBe('application/vnd.api+json')
  })

  it('passes the signal through to fetch', async () => {
    let seen: AbortSignal | null | undefined
    const client = createOperationClient<TestPaths>(async (_url, init) => {
      seen = init.signal
      return new Response('{}')
    })
    await client.GET('/groups/{id}', { params: { path: { id: '1' } }, baseUrl, headers: {}, signal })
    expect(seen).toBe(signal)
  })
})

describe('mergeHeaders', () => {
  it('lower-cases names so a later spelling replaces an earlier one instead of joining it', () => {
    expect(
      mergeHeaders({ Authorization: 'from settings', 'X-A': '1' }, undefined, { authorization: 'Bearer k' }),
    ).toEqual({ authorization: 'Bearer k', 'x-a': '1' })
  })
})
