import { InvalidArgumentError } from '../errors/invalid-argument-error.js'

/**
 * Checks an id that becomes one URL path segment. The generated client
 * percent-encodes it (so `a/../b` stays one segment), but `.` and `..` survive
 * encoding and URL normalization would turn them into a different path.
 */
export function assertPathSegment(context: string, field: string, value: string): void {
  // A lone UTF-16 surrogate cannot be percent-encoded at all.
  if (/\p{Cs}/u.test(value)) {
    throw new InvalidArgumentError(context, [
      { field, rule: 'well-formed', message: 'must be well-formed Unicode (it holds a lone surrogate)' },
    ])
  }
  if (value === '.' || value === '..') {
    throw new InvalidArgumentError(context, [
      { field, rule: 'path-segment', message: 'must not be "." or "..", which would change the URL path' },
    ])
  }
}

/** Parses an id that the provider takes as a positive integer, accepting a number or its decimal string. */
export function parsePositiveIntegerId(context: string, field: string, value: unknown): number {
  const parsed = typeof value === 'string' && /^[1-9][0-9]*$/.test(value) ? Number(value) : value
  if (typeof parsed !== 'number' || !Number.isSafeInteger(parsed) || parsed < 1) {
    throw new InvalidArgumentError(context, [
      { field, rule: 'positive-integer', message: 'must be a whole number from 1 to 2^53 - 1' },
    ])
  }
  return parsed
}
