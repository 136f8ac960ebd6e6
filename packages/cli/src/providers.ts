import type { CustomerGroupProvider } from '@customer-groups/runtime'
import { createShoptet } from '@customer-groups/shoptet'
import { createXtrakit } from '@customer-groups/xtrakit'

export const providerNames = ['xtrakit', 'shoptet'] as const
export type ProviderName = (typeof providerNames)[number]

export function isProviderName(value: unknown): value is ProviderName {
  return typeof value === 'string' && (providerNames as readonly string[]).includes(value)
}

/** Credentials and URLs from flags; anything not given comes from the environment when a request is made. */
export interface Connection {
  apiKey?: string | undefined
  accessToken?: string | undefined
  privateApiToken?: string | undefined
  xtrakitBaseUrl?: string | undefined
  shoptetBaseUrl?: string | undefined
  maxRetries?: number | undefined
  timeoutMs?: number | undefined
}

export function createProviders(connection: Connection): Record<ProviderName, CustomerGroupProvider> {
  const common = { maxRetries: connection.maxRetries, timeoutMs: connection.timeoutMs }
  return {
    xtrakit: createXtrakit({ ...common, apiKey: connection.apiKey, baseUrl: connection.xtrakitBaseUrl }),
    shoptet: createShoptet({
      ...common,
      accessToken: connection.accessToken,
      privateApiToken: connection.privateApiToken,
      baseUrl: connection.shoptetBaseUrl,
    }),
  }
}
