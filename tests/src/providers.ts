import type { Logger } from '@customer-groups/runtime'
import { createShoptet } from '@customer-groups/shoptet'
import { shoptetUpdateResponse, xtrakitUpdateResponse } from '@customer-groups/testing'
import { createXtrakit } from '@customer-groups/xtrakit'

/** Recognisable secrets: a test fails if either shows up where it must not. */
export const secrets = { xtrakit: 'xk_SECRET_TOKEN_0451', shoptet: 'sh_SECRET_TOKEN_0452' } as const

export type ProviderName = keyof typeof secrets
export const providerNames: ProviderName[] = ['xtrakit', 'shoptet']

export interface LogLine {
  level: 'debug' | 'warn'
  message: string
  details: Record<string, unknown> | undefined
}

export function recordingLogger(): { logger: Logger; lines: LogLine[] } {
  const lines: LogLine[] = []
  return {
    lines,
    logger: {
      debug: (message, details) => lines.push({ level: 'debug', message, details }),
      warn: (message, details) => lines.push({ level: 'warn', message, details }),
    },
  }
}

export interface Settings {
  baseUrl: string
  maxRetries?: number
  timeoutMs?: number
  maxResponseBytes?: number
  logger?: Logger
  headers?: Record<string, string>
}

/** One valid update through each provider's own client, so every scenario runs against both. */
export function updateOnce(provider: ProviderName, settings: Settings): Promise<unknown> {
  if (provider === 'xtrakit') {
    return createXtrakit({ apiKey: secrets.xtrakit, ...settings }).updateCustomerGroup('42', {
      group_name: 'VIP',
    })
  }
  return createShoptet({ accessToken: secrets.shoptet, ...settings }).updateCustomerGroup(7, { name: 'VIP' })
}

/** A success body each provider's spec accepts. */
export const successBody: Record<ProviderName, unknown> = {
  xtrakit: xtrakitUpdateResponse(),
  shoptet: shoptetUpdateResponse(),
}
