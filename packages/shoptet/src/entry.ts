// Shoptet describing itself: imports nothing, so the registry, the CLI and the mocks can read it without
// loading the client. The pipeline takes what it needs from here (see shoptet-transport.ts).
import type { ProviderEntry, ProviderErrorDetail } from '@customer-groups/runtime'

/** Shoptet's envelope `{ errors: [{ errorCode, message, instance }] }`; anything else yields no details. */
export function parseShoptetError(body: unknown, status: number): ProviderErrorDetail[] {
  if (typeof body !== 'object' || body === null) return []
  const { errors } = body as { errors?: unknown }
  if (!Array.isArray(errors)) return []
  return errors.flatMap((entry): ProviderErrorDetail[] => {
    if (typeof entry !== 'object' || entry === null) return []
    const { errorCode, message, instance } = entry as Record<string, unknown>
    const detail: ProviderErrorDetail = {
      code: typeof errorCode === 'string' ? errorCode : String(status),
      message: typeof message === 'string' ? message : '',
    }
    if (typeof instance === 'string') detail.instance = instance
    return [detail]
  })
}

/** Shoptet may put a request id in `metadata.requestId` of any envelope. */
export function shoptetRequestId(body: unknown): string | undefined {
  const metadata = (body as { metadata?: { requestId?: unknown } } | null | undefined)?.metadata
  return typeof metadata?.requestId === 'string' ? metadata.requestId : undefined
}

/** Shoptet: its id, package, credentials, limits and error envelope. */
export const shoptetEntry = {
  id: 'shoptet',
  displayName: 'Shoptet',
  packageName: '@customer-groups/shoptet',
  factory: 'createShoptet',
  transportFactory: 'createShoptetTransport',
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
  // Shoptet's general API docs: beyond these, requests are answered 429. 3 per token is also the
  // client's default concurrency, so more wait in its queue instead of getting 429.
  limits: { perCredential: 3, perSourceIp: 50 },
  // 423: an identical write to the same URL is still running (up to 5 s); 503 is covered as a 5xx.
  retryStatuses: [423],
  parseError: parseShoptetError,
  requestIdOf: shoptetRequestId,
} as const satisfies ProviderEntry
