// Xtrakit describing itself: imports nothing, so the registry, the CLI and the mocks can read it without
// loading the client. The pipeline takes what it needs from here (see xtrakit-transport.ts).
import type { ProviderEntry, ProviderErrorDetail } from '@customer-groups/runtime'

/** Xtrakit's error envelope `{ status, error }`; anything else yields no details rather than a guess. */
export function parseXtrakitError(body: unknown, status: number): ProviderErrorDetail[] {
  if (typeof body !== 'object' || body === null) return []
  const { error, message } = body as { error?: unknown; message?: unknown }
  const text = typeof error === 'string' ? error : typeof message === 'string' ? message : undefined
  return text === undefined ? [] : [{ code: String(status), message: text }]
}

/** Xtrakit: its id, package, spec, credentials, limits and error envelope. */
export const xtrakitEntry = {
  id: 'xtrakit',
  displayName: 'Xtrakit',
  packageName: '@customer-groups/xtrakit',
  factory: 'createXtrakit',
  transportFactory: 'createXtrakitTransport',
  baseUrlVariable: 'XTRAKIT_BASE_URL',
  credentials: [
    { setting: 'apiKey', environmentVariable: 'XTRAKIT_API_KEY', securityScheme: 'bearerApiKey' },
  ],
  // Xtrakit publishes no rate limits.
  limits: {},
  parseError: parseXtrakitError,
} as const satisfies ProviderEntry
