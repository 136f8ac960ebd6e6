export const redacted = '***'

const secretHeaderNames = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie'])

/** Headers whose values must never be printed: auth, cookies, and anything named like a token or key. */
export function isSecretHeader(name: string): boolean {
  const lower = name.toLowerCase()
  return (
    secretHeaderNames.has(lower) ||
    lower.includes('token') ||
    lower.includes('key') ||
    lower.includes('secret')
  )
}

/** A plain copy of `headers` that is safe to log or attach to an error. */
export function redactHeaders(headers: Headers | Record<string, string>): Record<string, string> {
  const entries = headers instanceof Headers ? [...headers.entries()] : Object.entries(headers)
  return Object.fromEntries(entries.map(([name, value]) => [name, isSecretHeader(name) ? redacted : value]))
}

/** Replaces every occurrence of each secret in `text`, for messages built from foreign text. */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let out = text
  for (const secret of secrets) if (secret.length > 0) out = out.split(secret).join(redacted)
  return out
}

/** Copies a JSON-like value with every occurrence of each secret replaced, for bodies a server echoed back. */
export function redactDeep(value: unknown, secrets: readonly string[]): unknown {
  if (secrets.length === 0) return value
  if (typeof value === 'string') return redactSecrets(value, secrets)
  if (Array.isArray(value)) return value.map((item) => redactDeep(item, secrets))
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, redactDeep(item, secrets)]))
  }
  return value
}

/** The secret parts of auth header values: the whole value and, for `Bearer x`, `x` alone. */
export function secretsOf(authHeaders: Record<string, string>): string[] {
  return Object.values(authHeaders).flatMap((value) => {
    const token = value.replace(/^Bearer\s+/i, '')
    return token === value ? [value] : [value, token]
  })
}
