// The one program every runtime runs, against the packed packages: only web APIs here (fetch, timers,
// AbortController), no Node, Bun or Deno API, so it runs unchanged on servers, in workerd and in a page.
import {
  updateCustomerGroupEverywhere,
  updateCustomerGroup as updateWithFacade,
} from '@customer-groups/client'
import {
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
  createShoptet,
  NotFoundError,
  RateLimitError,
  type ShoptetSettings,
  UnprocessableEntityError,
} from '@customer-groups/shoptet'
import { createXtrakit, type XtrakitSettings } from '@customer-groups/xtrakit'

export interface SmokeConfig {
  /** Base URLs of the Prism mocks of each spec. */
  xtrakit: string
  shoptet: string
  /** Base URL of the scenario server, with this run's own path (retries, timeouts and aborts). */
  scenarios: string
  /** Extra settings for every client, such as `dangerouslyAllowBrowser` in a page. */
  settings?: { dangerouslyAllowBrowser?: boolean }
}

/** What each check saw, by check name: JSON, the same on every runtime. */
export type SmokeReport = Record<string, unknown>

type ErrorClass = { new (...args: never[]): Error; isInstance(value: unknown): boolean }

/** The error's class and status, and whether both `instanceof` and `isInstance` recognise it. */
function typedError(error: unknown, expected: ErrorClass): unknown {
  if (!(error instanceof Error)) return { unexpected: String(error) }
  return {
    name: error.name,
    status: APIError.isInstance(error) ? error.status : undefined,
    typed: error instanceof expected && expected.isInstance(error),
  }
}

async function expectError(call: () => Promise<unknown>, expected: ErrorClass): Promise<unknown> {
  try {
    await call()
  } catch (error) {
    return typedError(error, expected)
  }
  return { unexpected: 'no error' }
}

export async function runSmoke(config: SmokeConfig): Promise<SmokeReport> {
  const common = { logLevel: 'off', ...config.settings } as const
  const xtrakitWith = (settings: XtrakitSettings = {}) =>
    createXtrakit({ apiKey: 'smoke-key', baseUrl: config.xtrakit, ...common, ...settings })
  const shoptetWith = (settings: ShoptetSettings = {}) =>
    createShoptet({ accessToken: 'smoke-token', baseUrl: config.shoptet, ...common, ...settings })
  const xtrakit = xtrakitWith()
  const shoptet = shoptetWith()
  const scenario = (name: string) => xtrakitWith({ baseUrl: `${config.scenarios}/${name}`, maxRetries: 0 })

  const checks: Record<string, () => Promise<unknown>> = {
    // Every operation of each provider, through its client.
    'xtrakit.listCustomerGroups': async () => {
      const { data, response } = await xtrakit.listCustomerGroups({ business_code: '402871' }).withResponse()
      return { status: response.status, groups: Array.isArray(data.data.groups) }
    },
    'xtrakit.getCustomerGroup': async () => {
      const { data, response } = await xtrakit.getCustomerGroup({ id: '1' }).withResponse()
      return { status: response.status, name: data.data.group.group_name }
    },
    'xtrakit.createCustomerGroup': async () => {
      const { data, response } = await xtrakit
        .createCustomerGroup({ group_name: 'Wholesale', group_description: 'Trade buyers' })
        .withResponse()
      return { status: response.status, name: data.data.group.group_name }
    },
    'xtrakit.updateCustomerGroup': async () => {
      const { data, response } = await xtrakit
        .updateCustomerGroup({ id: '1', group_name: 'VIP' })
        .withResponse()
      return { status: response.status, name: data.data.group.group_name }
    },
    'shoptet.listCustomerGroups': async () => {
      const { data, response } = await shoptet.listCustomerGroups().withResponse()
      return { status: response.status, names: data.data.customerGroups.map((group) => group.name) }
    },
    'shoptet.createCustomerGroup': async () => {
      const { data, response } = await shoptet.createCustomerGroup({ name: 'VIP customers' }).withResponse()
      return { status: response.status, groups: data.data.customerGroups.length }
    },
    'shoptet.updateCustomerGroup': async () => {
      const { data, response } = await shoptet
        .updateCustomerGroup({ id: 7, maxDiscount: '0.1500', language: 'cs' })
        .withResponse()
      return { status: response.status, groups: data.data.customerGroups.length, errors: data.errors }
    },
    'shoptet.deleteCustomerGroup': async () => {
      const { response } = await shoptet.deleteCustomerGroup({ id: 7 }).withResponse()
      return { status: response.status }
    },

    // Typed errors, from the documented error answers of the mocks.
    'error.404': () =>
      expectError(
        () => xtrakit.getCustomerGroup({ id: '1' }, { headers: { Prefer: 'code=404' }, maxRetries: 0 }),
        NotFoundError,
      ),
    'error.422': () =>
      expectError(
        () =>
          shoptet.updateCustomerGroup(
            { id: 7, name: 'VIP' },
            { headers: { Prefer: 'code=422' }, maxRetries: 0 },
          ),
        UnprocessableEntityError,
      ),
    'error.429': () =>
      expectError(
        () => shoptet.listCustomerGroups(undefined, { headers: { Prefer: 'code=429' }, maxRetries: 0 }),
        RateLimitError,
      ),

    // The scenario server answers 429 with `Retry-After: 1`, then the update.
    'retry.retryAfter': async () => {
      const client = xtrakitWith({ baseUrl: `${config.scenarios}/retry`, maxRetries: 1 })
      const { data, response } = await client
        .updateCustomerGroup({ id: '1', group_name: 'VIP' })
        .withResponse()
      return { status: response.status, attempts: response.attempts, name: data.data.group.group_name }
    },
    // It answers only after seconds, or never.
    timeout: () =>
      expectError(
        () => scenario('slow').getCustomerGroup({ id: '1' }, { timeoutMs: 300 }),
        APIConnectionTimeoutError,
      ),
    abort: () => {
      const controller = new AbortController()
      setTimeout(() => controller.abort(), 100)
      return expectError(
        () => scenario('hang').getCustomerGroup({ id: '1' }, { signal: controller.signal }),
        APIUserAbortError,
      )
    },

    // The facade's normalized results.
    'facade.xtrakit': async () => {
      const { group, warnings, response } = await updateWithFacade({
        provider: xtrakit,
        id: '1',
        name: 'Premium Customers',
      })
      return { status: response.status, group, warnings }
    },
    'facade.shoptet': async () => {
      const { group, warnings } = await updateWithFacade({
        provider: shoptet,
        id: '7',
        name: 'Wholesale partners',
        providerOptions: { shoptet: { maxDiscount: '0.1500' } },
      })
      return { group: { id: group.id, name: group.name, provider: group.provider }, warnings }
    },
    'facade.everywhere': async () => {
      const results = await updateCustomerGroupEverywhere({
        targets: [
          { provider: xtrakit, id: '1' },
          { provider: shoptet, id: '7' },
        ],
        name: 'Wholesale partners',
      })
      return results.map((result) =>
        result.ok ? { ok: true, provider: result.group.provider } : { ok: false, error: result.error.name },
      )
    },
  }

  // All at once: the slowest check (the retry's one-second wait) sets the run's length.
  const entries = await Promise.all(
    Object.entries(checks).map(async ([name, check]) => {
      try {
        return [name, await check()] as const
      } catch (error) {
        const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error)
        return [name, { unexpected: text }] as const
      }
    }),
  )
  return Object.fromEntries(entries)
}
