import type { Logger } from '@customer-groups/runtime'

/** How full the app's leaky bucket is (Shoptet drains 10 requests a second from 200). */
export interface RateLimitBucket {
  current: number
  max: number
}

/** What Shoptet's response headers say, as `response.provider`. */
export interface ShoptetResponseFacts {
  rateLimitBucket?: RateLimitBucket
}

/**
 * Reads the facts Shoptet puts on every response: the rate-limit bucket, and
 * deprecation notices, which become logged warnings.
 */
export function inspectShoptetResponse(headers: Headers, logger: Logger): ShoptetResponseFacts | undefined {
  const deprecated = headers.get('x-shoptet-deprecated')
  const sunset = headers.get('sunset')
  if (deprecated !== null || sunset !== null) {
    const details: Record<string, string> = {}
    if (deprecated !== null) details.deprecated = deprecated.slice(0, 200)
    if (sunset !== null) details.sunset = sunset.slice(0, 100)
    logger.warn(
      `shoptet: this endpoint is deprecated${sunset === null ? '' : ` (sunset ${details.sunset})`}`,
      details,
    )
  }
  const bucket = parseBucketFilling(headers.get('x-ratelimit-bucket-filling'))
  return bucket === undefined ? undefined : { rateLimitBucket: bucket }
}

export function parseBucketFilling(value: string | null): RateLimitBucket | undefined {
  const match = value === null ? null : /^\s*(\d{1,9})\s*\/\s*(\d{1,9})\s*$/.exec(value)
  if (match === null) return undefined
  return { current: Number(match[1]), max: Number(match[2]) }
}
