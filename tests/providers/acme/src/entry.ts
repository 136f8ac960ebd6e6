// Acme describing itself: imports nothing, so the registry and the mocks can read it without loading the
// client. A test-only provider: see ../README.md.
import type { ProviderEntry, ProviderErrorDetail } from '@customer-groups/runtime'

/** Acme's error, one object `{ error: { code, message } }`; anything else yields no details. */
export function parseAcmeError(body: unknown): ProviderErrorDetail[] {
  const error = (body as { error?: unknown } | null | undefined)?.error
  if (typeof error !== 'object' || error === null) return []
  const { code, message } = error as Record<string, unknown>
  if (typeof code !== 'string' || typeof message !== 'string') return []
  return [{ code, message }]
}

/** Acme: its id, package, credential, base-URL variable and error envelope. */
export const acmeEntry = {
  id: 'acme',
  displayName: 'Acme',
  packageName: '@customer-groups/acme',
  factory: 'createAcme',
  transportFactory: 'createAcmeTransport',
  baseUrlVariable: 'ACME_BASE_URL',
  credentials: [{ setting: 'pass', environmentVariable: 'ACME_PASS', securityScheme: 'acmePass' }],
  // Acme publishes no limits.
  limits: {},
  parseError: parseAcmeError,
} as const satisfies ProviderEntry
