import { updateCustomerGroup } from '@customer-groups/client'
import type { ProviderId } from '@customer-groups/registry'
import { createShoptet, type paths as ShoptetPaths } from '@customer-groups/shoptet'
import { shoptetCustomerGroup, shoptetUpdateResponse } from '@customer-groups/shoptet/testing'
import { createXtrakit, type paths as XtrakitPaths } from '@customer-groups/xtrakit'
import { xtrakitUpdateResponse } from '@customer-groups/xtrakit/testing'
import createClient from 'openapi-fetch'

export type Contender = 'raw fetch' | 'openapi-fetch' | 'provider' | 'facade'
export const contenders: Contender[] = ['raw fetch', 'openapi-fetch', 'provider', 'facade']

type Once = () => Promise<unknown>

/**
 * A reference beside the contenders: the hand-written call with the per-attempt
 * timeout every client here sets, so the table shows what that alone costs.
 */
export const timedRawFetch = 'raw fetch + timeout signal' as const

/** The update as a hand-written `fetch` makes it: path and query, method, headers, JSON body. */
export interface HandWrittenUpdate {
  path: string
  init: { method: string; headers: Record<string, string>; body: string }
}

/** Per-attempt timeout of the hand-written call, as long as the clients' default. */
export const handWrittenTimeoutMs = 60_000

/** The hand-written call, bare and with the timeout signal: one request, read as JSON. */
function handWritten(
  fetch: typeof globalThis.fetch,
  baseUrl: string,
  { path, init }: HandWrittenUpdate,
): Record<'raw fetch' | typeof timedRawFetch, Once> {
  const url = `${baseUrl}${path}`
  const send = async (signal?: AbortSignal) => (await fetch(url, signal ? { ...init, signal } : init)).json()
  return {
    'raw fetch': () => send(),
    [timedRawFetch]: async () => {
      const controller = new AbortController()
      const timer = setTimeout(() => controller.abort(), handWrittenTimeoutMs)
      try {
        return await send(controller.signal)
      } finally {
        clearTimeout(timer)
      }
    },
  }
}

/**
 * The same update four ways. `stub` replaces the transport for the
 * client-only measurement; without it every contender uses the global fetch.
 */
function xtrakitContenders(
  baseUrl: string,
  stub?: typeof globalThis.fetch,
): Record<Contender | typeof timedRawFetch, Once> {
  const fetch = stub ?? globalThis.fetch
  const apiKey = 'bench-key'
  const input = { group_name: 'VIP', group_description: 'Big spenders' }
  const api = createClient<XtrakitPaths>({ baseUrl, ...(stub && { fetch: stub }) })
  // maxRetries 0: a failure must show, not be hidden by a retry.
  const provider = createXtrakit({ apiKey, baseUrl, maxRetries: 0, ...(stub && { fetch: stub }) })
  return {
    ...handWritten(fetch, baseUrl, benchProfiles.xtrakit.handWritten),
    'openapi-fetch': () =>
      api.PUT('/customer-groups/{id}', {
        params: { path: { id: '42' } },
        body: input,
        headers: { Authorization: `Bearer ${apiKey}` },
      }),
    provider: () => provider.updateCustomerGroup({ ...input, id: '42' }),
    facade: () => updateCustomerGroup({ provider, id: '42', name: 'VIP', description: 'Big spenders' }),
  }
}

function shoptetContenders(
  baseUrl: string,
  stub?: typeof globalThis.fetch,
): Record<Contender | typeof timedRawFetch, Once> {
  const fetch = stub ?? globalThis.fetch
  const accessToken = 'bench-token'
  const input = { name: 'VIP', maxDiscount: '0.1500' }
  const api = createClient<ShoptetPaths>({ baseUrl, ...(stub && { fetch: stub }) })
  // Concurrency 16 like the load, so the bench measures overhead, not Shoptet's default limit of 3.
  const provider = createShoptet({
    accessToken,
    baseUrl,
    maxRetries: 0,
    maxConcurrency: 16,
    ...(stub && { fetch: stub }),
  })
  return {
    ...handWritten(fetch, baseUrl, benchProfiles.shoptet.handWritten),
    'openapi-fetch': () =>
      api.PATCH('/api/customers/groups/{id}', {
        params: {
          path: { id: 7 },
          query: { language: 'cs' },
          header: { 'Content-Type': 'application/json' },
        },
        body: { data: input },
        headers: { 'Shoptet-Access-Token': accessToken },
      }),
    provider: () => provider.updateCustomerGroup({ id: 7, ...input, language: 'cs' }),
    facade: () =>
      updateCustomerGroup({
        provider,
        id: '7',
        name: 'VIP',
        providerOptions: { shoptet: { maxDiscount: '0.1500', language: 'cs' } },
      }),
  }
}

/** What the bench needs of one provider: the answer it gets and the same update four ways. */
export interface BenchProfile {
  successBody: unknown
  /**
   * The answer to an update of the group whose id ends `path`, where it is not the success body's own:
   * a client refuses an answer about another group than the one it asked to change.
   */
  answerFor?(path: string): unknown
  /** The start of the provider's paths, so one loopback server can answer for every provider. */
  pathPrefix: string
  /** A base URL that only a stub answers. */
  stubBaseUrl: string
  contenders(baseUrl: string, stub?: typeof globalThis.fetch): Record<Contender | typeof timedRawFetch, Once>
  /** The same update, written by hand. */
  handWritten: HandWrittenUpdate
  /** A list answer with `count` groups, as the provider's spec shapes it. */
  listBody(count: number): unknown
  /**
   * The same update as `handWritten`, as source text for a fresh process: `client` is openapi-fetch's
   * or the provider's, `provider` the facade's.
   */
  coldCall: { openapiFetch: string; provider: string; facade: string }
}

/** Keyed by the registry's ids: a provider added there fails to compile here until it has a bench. */
export const benchProfiles: Record<ProviderId, BenchProfile> = {
  xtrakit: {
    successBody: xtrakitUpdateResponse({
      group_description: 'Big spenders',
      created_at: 'a',
      updated_at: 'b',
    }),
    answerFor: (path) => {
      const id = Number(path.match(/^\/customer-groups\/(\d+)/)?.[1])
      return Number.isSafeInteger(id)
        ? xtrakitUpdateResponse({ id, group_description: 'Big spenders', created_at: 'a', updated_at: 'b' })
        : undefined
    },
    pathPrefix: '/customer-groups',
    stubBaseUrl: 'https://bench.invalid/api/v1',
    contenders: xtrakitContenders,
    handWritten: {
      path: '/customer-groups/42',
      init: {
        method: 'PUT',
        headers: { Authorization: 'Bearer bench-key', 'Content-Type': 'application/json' },
        body: JSON.stringify({ group_name: 'VIP', group_description: 'Big spenders' }),
      },
    },
    listBody: (count) => ({
      status: 200,
      message: `Groups found: ${count}`,
      data: {
        groups: Array.from({ length: count }, (_, index) => ({
          id: index + 1,
          group_name: `Group ${index + 1}`,
          group_description: index % 3 === 0 ? 'Customers who spent over $1000' : null,
          business_code: '402871',
          created_at: '2024-08-04 08:23:45',
          updated_at: '2024-08-04 08:23:45',
        })),
      },
    }),
    coldCall: {
      openapiFetch: `await client.PUT('/customer-groups/{id}', { params: { path: { id: '42' } }, body: { group_name: 'VIP', group_description: 'Big spenders' }, headers: { Authorization: 'Bearer k' } })`,
      provider: `await client.updateCustomerGroup({ id: '42', group_name: 'VIP', group_description: 'Big spenders' })`,
      // Both fields: an Xtrakit update replaces the group, so one left out would be read first to keep it.
      facade: `await updateCustomerGroup({ provider, id: '42', name: 'VIP', description: 'Big spenders' })`,
    },
  },
  shoptet: {
    successBody: shoptetUpdateResponse([
      shoptetCustomerGroup({ customerGroupCode: 'vip', maxDiscount: '0.1500' }),
    ]),
    pathPrefix: '/api/customers',
    stubBaseUrl: 'https://bench.invalid',
    contenders: shoptetContenders,
    handWritten: {
      path: '/api/customers/groups/7?language=cs',
      init: {
        method: 'PATCH',
        headers: { 'Shoptet-Access-Token': 'bench-token', 'Content-Type': 'application/json' },
        body: JSON.stringify({ data: { name: 'VIP', maxDiscount: '0.1500' } }),
      },
    },
    listBody: (count) =>
      shoptetUpdateResponse(
        Array.from({ length: count }, (_, index) =>
          shoptetCustomerGroup({
            id: index + 1,
            name: `Group ${index + 1}`,
            customerGroupCode: `group-${index + 1}`,
            description: index % 3 === 0 ? 'Customers who spent over $1000' : null,
            maxDiscount: '0.1500',
            priority: index + 1,
            defaultDueDays: 30,
            defaultOrderStatusId: null,
          }),
        ),
      ),
    coldCall: {
      openapiFetch: `await client.PATCH('/api/customers/groups/{id}', { params: { path: { id: 7 }, query: { language: 'cs' } }, body: { data: { name: 'VIP', maxDiscount: '0.1500' } }, headers: { 'Shoptet-Access-Token': 'k' } })`,
      provider: `await client.updateCustomerGroup({ id: 7, name: 'VIP', maxDiscount: '0.1500', language: 'cs' })`,
      facade: `await updateCustomerGroup({ provider, id: '7', name: 'VIP', providerOptions: { shoptet: { maxDiscount: '0.1500', language: 'cs' } } })`,
    },
  },
}
