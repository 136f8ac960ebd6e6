import type { ArgumentIssue } from '../errors.js'

/**
 * Issues of an id that becomes one URL path segment. The request builder
 * percent-encodes it (so `a/../b` stays one segment), but `.` and `..` survive
 * encoding and URL normalization would turn them into a different path.
 */
export function pathSegmentIssues(field: string, value: unknown): ArgumentIssue[] {
  if (typeof value !== 'string') return []
  // A lone UTF-16 surrogate cannot be percent-encoded at all.
  if (/\p{Cs}/u.test(value)) {
    return [
      {
        field,
        code: 'invalid-path-segment',
        message: 'must be well-formed Unicode (it holds a lone surrogate)',
      },
    ]
  }
  if (value === '.' || value === '..') {
    return [
      {
        field,
        code: 'invalid-path-segment',
        message: 'must not be "." or "..", which would change the URL path',
      },
    ]
  }
  return []
}

/**
 * Reads an id the provider takes as a positive integer from a number or its
 * decimal string; `undefined` when it is neither, or not a safe integer.
 */
export function parsePositiveInteger(value: unknown): number | undefined {
  const parsed = typeof value === 'string' && /^[1-9][0-9]*$/.test(value) ? Number(value) : value
  return typeof parsed === 'number' && Number.isSafeInteger(parsed) && parsed >= 1 ? parsed : undefined
}
