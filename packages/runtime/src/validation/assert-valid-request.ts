import { type ArgumentIssue, InvalidArgumentError } from '../errors/invalid-argument-error.js'

/** The shape of an Ajv error object, as the generated standalone validators produce it. */
export interface ValidationErrorObject {
  instancePath: string
  keyword: string
  params: Record<string, unknown>
  message?: string
}

/** A validator generated from a spec; checks `{ path, query, body }` of one request. */
export interface RequestValidator {
  (data: unknown): boolean
  errors?: ValidationErrorObject[] | null
}

/** The parts of a request a caller controls, as the generated validators expect them. */
export interface RequestParts {
  path?: Record<string, unknown>
  query?: Record<string, unknown>
  body?: unknown
}

/** Throws `InvalidArgumentError` listing every rule the request breaks; returns when it is valid. */
export function assertValidRequest(
  validator: RequestValidator,
  request: RequestParts,
  context: string,
): void {
  if (validator(request)) return
  const issues = (validator.errors ?? []).map(toIssue)
  throw new InvalidArgumentError(context, dedupe(issues))
}

function toIssue(error: ValidationErrorObject): ArgumentIssue {
  // `/body/data/maxDiscount` → `data.maxDiscount`: callers think in fields, not in request locations.
  const segments = error.instancePath
    .split('/')
    .slice(1)
    .map((segment) => segment.replaceAll('~1', '/').replaceAll('~0', '~'))
  if (segments[0] === 'path' || segments[0] === 'query' || segments[0] === 'body') segments.shift()
  const { keyword, params } = error
  if (keyword === 'required') segments.push(String(params.missingProperty))
  if (keyword === 'additionalProperties') segments.push(String(params.additionalProperty))
  const field = segments.length > 0 ? segments.join('.') : 'body'
  return { field, rule: describeRule(keyword, params), message: describeMessage(error) }
}

function describeRule(keyword: string, params: Record<string, unknown>): string {
  switch (keyword) {
    case 'maximum':
    case 'minimum':
    case 'exclusiveMaximum':
    case 'exclusiveMinimum':
      return `${keyword} ${String(params.limit)}`
    case 'minLength':
    case 'maxLength':
      return `${keyword} ${String(params.limit)}`
    case 'pattern':
      return `pattern ${String(params.pattern)}`
    case 'type':
      return `type ${Array.isArray(params.type) ? params.type.join(' | ') : String(params.type)}`
    case 'additionalProperties':
      return 'no unknown fields'
    default:
      return keyword
  }
}

function describeMessage(error: ValidationErrorObject): string {
  const { keyword, params } = error
  switch (keyword) {
    case 'required':
      return 'is required'
    case 'additionalProperties':
      return 'is not a field of this request'
    case 'type':
      return `must be ${Array.isArray(params.type) ? params.type.join(' or ') : String(params.type).replace(',', ' or ')}`
    case 'maximum':
      return `must be <= ${String(params.limit)}`
    case 'minimum':
      return `must be >= ${String(params.limit)}`
    case 'exclusiveMaximum':
      return `must be < ${String(params.limit)}`
    case 'exclusiveMinimum':
      return `must be > ${String(params.limit)}`
    case 'minLength':
      return `must have at least ${String(params.limit)} character(s)`
    case 'maxLength':
      return `must have at most ${String(params.limit)} character(s)`
    case 'pattern':
      return `must match the pattern ${String(params.pattern)}`
    case 'enum':
      return `must be one of ${JSON.stringify(params.allowedValues)}`
    default:
      return error.message ?? `breaks the ${keyword} rule`
  }
}

function dedupe(issues: ArgumentIssue[]): ArgumentIssue[] {
  const seen = new Set<string>()
  return issues.filter((issue) => {
    const key = `${issue.field}\u0000${issue.rule}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}
