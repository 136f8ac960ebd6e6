import type { ArgumentIssue } from '../errors.js'

// RFC 9110 token characters: what a header name may hold.
const headerName = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/
// What a header value may hold: tab, visible ASCII and space, and Latin-1 letters. Not CR or LF
// (they would smuggle in more headers), no other control character (C0, DEL, C1), nothing above
// U+00FF (fetch refuses it only when sending, as a failure that looks like a network error).
const headerValue = /^[\t\x20-\x7e\u00a0-\u00ff]*$/
// A credential is a single word of visible ASCII: a space or a letter outside ASCII is a paste error.
const credentialValue = /^[\x21-\x7e]+$/

/**
 * Headers the client sets itself, or that describe the connection rather than
 * the request: given by a caller they would break or smuggle requests.
 */
const reservedHeaders = new Set([
  'host',
  'content-length',
  'transfer-encoding',
  'connection',
  'keep-alive',
  'proxy-connection',
  'upgrade',
  'te',
  'trailer',
  'expect',
])

export function isValidHeaderValue(value: string): boolean {
  return headerValue.test(value)
}

/** Issues of a secret that will travel in a header, without echoing it. */
export function credentialIssues(field: string, value: unknown): ArgumentIssue[] {
  if (typeof value !== 'string') return [{ field, code: 'type', message: 'must be a string' }]
  if (value === '')
    return [{ field, code: 'required', message: 'is empty: pass the credential, or leave the setting out' }]
  if (!credentialValue.test(value)) {
    return [
      {
        field,
        code: 'invalid-header',
        message:
          'must be visible ASCII characters only, without spaces, line breaks or other control characters',
      },
    ]
  }
  return []
}

/** Issues of a headers record a caller passed; values are never echoed. */
export function headersIssues(field: string, headers: unknown): ArgumentIssue[] {
  if (headers === undefined) return []
  if (typeof headers !== 'object' || headers === null || Array.isArray(headers))
    return [{ field, code: 'type', message: 'must be an object of header names to values' }]
  const issues: ArgumentIssue[] = []
  for (const [name, value] of Object.entries(headers)) {
    const where = `${field}.${name}`
    if (!headerName.test(name)) {
      issues.push({ field: where, code: 'invalid-header', message: 'is not a valid HTTP header name' })
    } else if (reservedHeaders.has(name.toLowerCase())) {
      issues.push({
        field: where,
        code: 'invalid-header',
        message: 'is set by the HTTP client itself and may not be given',
      })
    } else if (typeof value !== 'string') {
      issues.push({ field: where, code: 'type', message: 'must be a string' })
    } else if (!isValidHeaderValue(value)) {
      issues.push({
        field: where,
        code: 'invalid-header',
        message: 'must not contain line breaks, control characters or characters above U+00FF',
      })
    }
  }
  return issues
}
