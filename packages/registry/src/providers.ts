import type { ProviderEntry } from './provider-entry.js'

// The one list of providers. Adding a provider: its spec in specs/, its package, and an entry here.

export const xtrakit = {
  id: 'xtrakit',
  displayName: 'Xtrakit',
  packageName: '@customer-groups/xtrakit',
  factory: 'createXtrakit',
  specFile: 'xtrakit.openapi.yaml',
  baseUrlVariable: 'XTRAKIT_BASE_URL',
  credentials: [
    { setting: 'apiKey', environmentVariable: 'XTRAKIT_API_KEY', securityScheme: 'bearerApiKey' },
  ],
  // Xtrakit publishes no rate limits.
  limits: {},
} as const satisfies ProviderEntry

export const shoptet = {
  id: 'shoptet',
  displayName: 'Shoptet',
  packageName: '@customer-groups/shoptet',
  factory: 'createShoptet',
  specFile: 'shoptet.openapi.yaml',
  baseUrlVariable: 'SHOPTET_BASE_URL',
  credentials: [
    {
      setting: 'accessToken',
      environmentVariable: 'SHOPTET_ACCESS_TOKEN',
      securityScheme: 'shoptetAccessToken',
    },
    {
      setting: 'privateApiToken',
      environmentVariable: 'SHOPTET_PRIVATE_API_TOKEN',
      securityScheme: 'shoptetPrivateApiToken',
    },
  ],
  // Shoptet's general API docs: beyond these, requests are answered 429.
  limits: { perCredential: 3, perSourceIp: 50 },
} as const satisfies ProviderEntry

/** Every provider, in the order tools list them. */
export const providers = [xtrakit, shoptet] as const

export type ProviderId = (typeof providers)[number]['id']
