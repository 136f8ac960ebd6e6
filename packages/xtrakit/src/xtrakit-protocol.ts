import { xtrakit as entry } from '@customer-groups/registry'
import type { ProviderErrorDetail, ProviderProtocol } from '@customer-groups/runtime'
import { packageVersion } from './generated/package-version.js'
import { specInfo } from './generated/spec-info.js'

/** Xtrakit's error envelope `{ status, error }`; anything else yields no details rather than a guess. */
export function parseXtrakitError(body: unknown, status: number): ProviderErrorDetail[] {
  if (typeof body !== 'object' || body === null) return []
  const { error, message } = body as { error?: unknown; message?: unknown }
  const text = typeof error === 'string' ? error : typeof message === 'string' ? message : undefined
  return text === undefined ? [] : [{ code: String(status), message: text }]
}

/** What the shared pipeline needs to know about Xtrakit. */
export const xtrakitProtocol: ProviderProtocol<Record<string, never>> = {
  entry,
  spec: specInfo,
  version: packageVersion,
  parseError: parseXtrakitError,
}
