import { shoptet as entry } from '@customer-groups/registry'
import type { ProviderErrorDetail, ProviderProtocol } from '@customer-groups/runtime'
import { packageVersion } from './generated/package-version.js'
import { specInfo } from './generated/spec-info.js'
import { inspectShoptetResponse, type ShoptetResponseFacts } from './rate-limit.js'

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

/** What the shared pipeline needs to know about Shoptet. */
export const shoptetProtocol: ProviderProtocol<ShoptetResponseFacts> = {
  entry,
  spec: specInfo,
  version: packageVersion,
  parseError: parseShoptetError,
  requestIdOf: shoptetRequestId,
  // 423: an identical write to the same URL is still running (up to 5 s); 503 is covered as a 5xx.
  extraRetryStatuses: [423],
  // Shoptet allows 3 requests in flight per token; more wait in the client's queue instead of getting 429.
  defaultMaxConcurrency: entry.limits.perCredential,
  inspectResponse: inspectShoptetResponse,
}
