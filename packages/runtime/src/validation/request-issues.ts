import type { ArgumentIssue } from '../errors.js'
import { type JsonSchema, schemaIssues } from './json-schema.js'
import { pathSegmentIssues } from './path-segment.js'

/** The parts of a request a caller controls, as the generated request schemas describe them. */
export interface RequestParts {
  path?: Record<string, unknown>
  query?: Record<string, unknown>
  body?: unknown
}

/**
 * Every rule the request breaks. Fields are named as callers pass them
 * (`maxDiscount`), not by where they travel (`body.data.maxDiscount`):
 * `bodyPrefix` is the envelope the provider wraps the caller's fields in,
 * such as `data.`.
 */
export function requestIssues(schema: JsonSchema, request: RequestParts, bodyPrefix = ''): ArgumentIssue[] {
  const issues = schemaIssues(schema, request)
  for (const [name, value] of Object.entries(request.path ?? {})) {
    issues.push(...pathSegmentIssues(`path.${name}`, value))
  }
  for (const issue of issues) {
    let field = issue.field.replace(/^(path|query|body)\./, '')
    if (bodyPrefix !== '' && issue.field.startsWith(`body.${bodyPrefix}`)) {
      field = issue.field.slice(`body.${bodyPrefix}`.length)
    }
    issue.field = field
  }
  return issues
}
