import type { ProviderErrorDetail } from './api-error.js'

/**
 * Reads the problems out of an error body in either envelope the specs define:
 * `{ errors: [{ errorCode, message, instance }] }` or `{ status, error }`.
 * Anything else yields no details rather than a guess.
 */
export function normalizeErrorBody(body: unknown, status: number): ProviderErrorDetail[] {
  if (typeof body !== 'object' || body === null) return []
  const record = body as Record<string, unknown>
  if (Array.isArray(record.errors)) {
    return record.errors.flatMap((entry): ProviderErrorDetail[] => {
      if (typeof entry !== 'object' || entry === null) return []
      const { errorCode, message, instance } = entry as Record<string, unknown>
      const detail: ProviderErrorDetail = {
        code: String(errorCode ?? status),
        message: String(message ?? ''),
      }
      if (typeof instance === 'string') detail.instance = instance
      return [detail]
    })
  }
  if (typeof record.error === 'string')
    return [{ code: String(record.status ?? status), message: record.error }]
  if (typeof record.message === 'string') return [{ code: String(status), message: record.message }]
  return []
}

/** The request id from `metadata.requestId` in the body, else from a request-id header. */
export function findRequestId(body: unknown, headers: Headers): string | undefined {
  if (typeof body === 'object' && body !== null) {
    const metadata = (body as { metadata?: unknown }).metadata
    if (typeof metadata === 'object' && metadata !== null) {
      const requestId = (metadata as { requestId?: unknown }).requestId
      if (typeof requestId === 'string') return requestId
    }
  }
  return headers.get('x-request-id') ?? headers.get('request-id') ?? undefined
}
