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
