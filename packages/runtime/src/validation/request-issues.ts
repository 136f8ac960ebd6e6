import { InvalidArgumentError } from '../errors/invalid-argument-error.js'
import { type JsonSchema, schemaIssues } from './json-schema.js'

/** The parts of a request a caller controls, as the generated request schemas describe them. */
export interface RequestParts {
  path?: Record<string, unknown>
  query?: Record<string, unknown>
  body?: unknown
}

/**
 * Throws `InvalidArgumentError` listing every rule the request breaks; returns
 * when it is valid. Fields are named as callers think of them (`data.maxDiscount`),
 * not by where they travel (`body`, `path`, `query`).
 */
export function assertValidRequest(schema: JsonSchema, request: RequestParts, context: string): void {
  const issues = schemaIssues(schema, request)
  if (issues.length === 0) return
  for (const issue of issues) {
    issue.field = issue.field.replace(/^(path|query|body)\./, '')
  }
  throw new InvalidArgumentError(context, issues)
}
