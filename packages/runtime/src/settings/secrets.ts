export const redacted = '***'

/** Shorter secrets are not searched for in text: masking a short string would mangle ordinary words. */
export const minimumRedactedLength = 8

const secretHeaderNames = new Set([
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'x-api-key',
  'api-key',
  'apikey',
  'x-auth-token',
  'x-access-token',
  'x-csrf-token',
  'x-xsrf-token',
  'shoptet-access-token',
  'shoptet-private-api-token',
])

// Names that say they carry a credential: `*-token`, `*-secret`, `*-password`, `*-api-key`,
// `*-access-key`… but not `Idempotency-Key` or `X-Request-Id`, which are safe to show.
const secretHeaderPattern =
  /(?:^|[-_])(?:token|secret|password|passwd|credentials?|session|signature)$|(?:^|[-_])(?:api|access|secret|private|auth|session)[-_]?key$/

/** Headers whose values must never be printed. */
export function isSecretHeader(name: string): boolean {
  const lower = name.toLowerCase()
  return secretHeaderNames.has(lower) || secretHeaderPattern.test(lower)
}

/**
 * Masks secrets in whatever a server sent back before it reaches an error, a
 * log line or a caller: headers by name and by value, text and JSON (keys
 * too) by value. Values shorter than `minimumRedactedLength` are ignored for
 * the search by value (they are still masked by header name).
 */
export class Redactor {
  readonly #secrets: string[]

  constructor(secrets: Iterable<string>) {
    // Longest first, so a secret that contains another is masked whole.
    this.#secrets = [...new Set(secrets)]
      .filter((secret) => secret.length >= minimumRedactedLength)
      .sort((a, b) => b.length - a.length)
  }

  get isEmpty(): boolean {
    return this.#secrets.length === 0
  }

  text(text: string): string {
    let out = text
    for (const secret of this.#secrets) if (out.includes(secret)) out = out.split(secret).join(redacted)
    return out
  }

  /** A copy of a JSON-like value with every secret masked, in keys as in values. */
  deep(value: unknown): unknown {
    if (this.#secrets.length === 0) return value
    if (typeof value === 'string') return this.text(value)
    if (Array.isArray(value)) return value.map((item) => this.deep(item))
    if (typeof value === 'object' && value !== null) {
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [this.text(key), this.deep(item)]))
    }
    return value
  }

  /** A plain copy of `headers` that is safe to log or attach to an error. */
  headers(headers: Headers | Record<string, string>): Record<string, string> {
    const out: Record<string, string> = {}
    const entries = headers instanceof Headers ? headers.entries() : Object.entries(headers)
    for (const [name, value] of entries) out[name] = isSecretHeader(name) ? redacted : this.text(value)
    return out
  }
}

/** The parts of header values that are secrets: each whole value and, for `Bearer x`, `x` alone. */
export function secretsOfHeaders(headers: Record<string, string>): string[] {
  const secrets: string[] = []
  for (const [name, value] of Object.entries(headers)) {
    if (!isSecretHeader(name)) continue
    secrets.push(value)
    const token = value.replace(/^(?:Bearer|Basic|Token)\s+/i, '')
    if (token !== value) secrets.push(token)
  }
  return secrets
}
