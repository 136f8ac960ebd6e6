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
])

// Names that say they carry a credential: `*-token`, `*-secret`, `*-password`, `*-api-key`,
// `*-access-key`… but not `Idempotency-Key` or `X-Request-Id`, which are safe to show.
const secretHeaderPattern =
  /(?:^|[-_])(?:token|secret|password|passwd|credentials?|session|signature)$|(?:^|[-_])(?:api|access|secret|private|auth|session)[-_]?key$/

/**
 * Headers whose values must never be printed: well-known ones, names that say
 * they carry a credential, and `also` (lower-cased), such as the credential
 * headers of a provider's spec.
 */
export function isSecretHeader(name: string, also?: ReadonlySet<string>): boolean {
  const lower = name.toLowerCase()
  return secretHeaderNames.has(lower) || secretHeaderPattern.test(lower) || also?.has(lower) === true
}

/**
 * Masks secrets in whatever a server sent back before it reaches an error, a
 * log line or a caller: headers by name and by value, text and JSON (keys
 * too) by value. A secret is found in any spelling a server may echo it in:
 * as is, JSON-escaped (`\u0073…`, `\/`), percent-encoded (`%73…`, either
 * case), or any mix of those, character by character. Values shorter than
 * `minimumRedactedLength` are not searched for inside longer text (masking a
 * short string would mangle ordinary words); a value that is exactly such a
 * secret (a header value, a JSON string or key, a whole message) is masked.
 */
export class Redactor {
  readonly #secrets: string[]
  /** Each long secret in every spelling, one pattern for all: used when text holds an escape. */
  readonly #spellings: RegExp | undefined
  readonly #short: Set<string>
  readonly #secretHeaders: ReadonlySet<string> | undefined

  /** `secretHeaders`: header names (lower-cased) masked whole besides the well-known ones. */
  constructor(secrets: Iterable<string>, secretHeaders?: ReadonlySet<string>) {
    this.#secretHeaders = secretHeaders
    const unique = [...new Set(secrets)].filter((secret) => secret !== '')
    // Longest first, so a secret that contains another is masked whole.
    this.#secrets = unique
      .filter((secret) => secret.length >= minimumRedactedLength)
      .sort((a, b) => b.length - a.length)
    this.#short = new Set(unique.filter((secret) => secret.length < minimumRedactedLength))
    this.#spellings =
      this.#secrets.length === 0 ? undefined : new RegExp(this.#secrets.map(anySpelling).join('|'), 'g')
  }

  get isEmpty(): boolean {
    return this.#secrets.length === 0 && this.#short.size === 0
  }

  text(text: string): string {
    if (this.#short.has(text)) return redacted
    let out = text
    for (const secret of this.#secrets) if (out.includes(secret)) out = out.split(secret).join(redacted)
    // Only text with an escape can hold another spelling; the pattern costs more than `includes`.
    if (this.#spellings !== undefined && (out.includes('\\') || out.includes('%'))) {
      out = out.replace(this.#spellings, redacted)
    }
    return out
  }

  /** Whether `text` may hold a secret in any spelling: false means `text` and what parses from it are clean. */
  mayHold(text: string): boolean {
    if (this.isEmpty) return false
    // A JSON escape can spell any character: what parses from such text must be searched.
    if (text.includes('\\')) return true
    for (const secret of this.#short) if (text.includes(secret)) return true
    for (const secret of this.#secrets) if (text.includes(secret)) return true
    // Without a backslash, only percent-encoding spells a secret another way. Searched without copying the text.
    if (this.#spellings === undefined || !text.includes('%')) return false
    this.#spellings.lastIndex = 0
    return this.#spellings.test(text)
  }

  /** A copy of a JSON-like value with every secret masked, in keys as in values. */
  deep(value: unknown): unknown {
    if (this.isEmpty) return value
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
    for (const [name, value] of entries)
      out[name] = isSecretHeader(name, this.#secretHeaders) ? redacted : this.text(value)
    return out
  }
}

/** A pattern matching `secret` with each character written as is, JSON-escaped or percent-encoded. */
function anySpelling(secret: string): string {
  return [...secret].map(characterSpellings).join('')
}

function characterSpellings(character: string): string {
  const code = character.codePointAt(0) as number
  const spellings = [character.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&')]
  // JSON: \uXXXX for any character of the BMP (hex in either case), and the short escapes.
  if (code <= 0xffff) spellings.push(`\\\\u${anyCase(code.toString(16).padStart(4, '0'))}`)
  if (character === '/') spellings.push('\\\\/')
  if (character === '"') spellings.push('\\\\"')
  if (character === '\\') spellings.push('\\\\\\\\')
  // Percent-encoding: the character's UTF-8 bytes; a space may also be `+`.
  spellings.push(
    [...new TextEncoder().encode(character)]
      .map((byte) => `%${anyCase(byte.toString(16).padStart(2, '0'))}`)
      .join(''),
  )
  if (character === ' ') spellings.push('\\+')
  return `(?:${spellings.join('|')})`
}

/** A hex number matched in either case: `2f` → `2[fF]`. */
function anyCase(hex: string): string {
  return [...hex].map((digit) => (/[a-f]/.test(digit) ? `[${digit}${digit.toUpperCase()}]` : digit)).join('')
}

/** The parts of header values that are secrets: each whole value and, for `Bearer x`, `x` alone. */
export function secretsOfHeaders(headers: Record<string, string>, also?: ReadonlySet<string>): string[] {
  const secrets: string[] = []
  for (const [name, value] of Object.entries(headers)) {
    if (!isSecretHeader(name, also)) continue
    secrets.push(value)
    const token = value.replace(/^(?:Bearer|Basic|Token)\s+/i, '')
    if (token !== value) secrets.push(token)
  }
  return secrets
}
