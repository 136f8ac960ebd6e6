import type { Logger } from '@customer-groups/runtime'

/** How full the app's leaky bucket is (Shoptet drains 10 requests a second from 200). */
export interface RateLimitBucket {
  current: number
  max: number
}

/**
 * Reads the facts Shoptet puts on every response: the rate-limit bucket, and
 * deprecation notices, which become logged warnings.
 */
export function inspectShoptetResponse(
  response: Response,
  logger: Logger,
): Record<string, unknown> | undefined {
  const deprecated = response.headers.get('x-shoptet-deprecated')
  const sunset = response.headers.get('sunset')
  if (deprecated !== null || sunset !== null) {
    logger.warn('shoptet: this endpoint is deprecated', {
      ...(deprecated !== null && { deprecated }),
      ...(sunset !== null && { sunset }),
    })
  }
  const bucket = parseBucketFilling(response.headers.get('x-ratelimit-bucket-filling'))
  return bucket === undefined ? undefined : { rateLimitBucket: bucket }
}

export function parseBucketFilling(value: string | null): RateLimitBucket | undefined {
  const match = value === null ? null : /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(value)
  if (match === null) return undefined
  return { current: Number(match[1]), max: Number(match[2]) }
}
