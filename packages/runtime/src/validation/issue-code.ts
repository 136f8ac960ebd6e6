/**
 * Every rule a check can report, as a closed set code can match on. The
 * human wording is in each issue's `message`, never in its code.
 */
export const issueCodes = [
  /** A required field, setting or parameter is missing. */
  'required',
  /** The value has the wrong type (also: not a plain object, not a whole number). */
  'type',
  /** The value is not one of the allowed values. */
  'enum',
  /** A string does not match the spec's pattern. */
  'pattern',
  'min-length',
  'max-length',
  /** A number is below its lower bound (inclusive or exclusive). */
  'minimum',
  /** A number is above its upper bound (inclusive or exclusive). */
  'maximum',
  'min-items',
  'max-items',
  /** An object has fewer fields than the spec requires. */
  'min-properties',
  'max-properties',
  /** A field the spec or the call does not know: most likely a typo. */
  'unknown-field',
  /** A provider option the provider does not have. */
  'unsupported-option',
  /** An operation the provider does not offer. */
  'unsupported-operation',
  /** A header name or value that is not valid, or a header the client must set itself. */
  'invalid-header',
  /** A base URL that is malformed or unsafe. */
  'invalid-url',
  /** An id that would not stay one URL path segment. */
  'invalid-path-segment',
  /** Running where the call is unsafe, e.g. a secret in a web browser. */
  'unsafe-environment',
  /** Two values given together contradict each other. */
  'conflict',
  /** Input that cannot be read at all there: malformed JSON, YAML or CSV. */
  'syntax',
] as const

export type IssueCode = (typeof issueCodes)[number]
