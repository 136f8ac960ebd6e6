import type { ArgumentIssue } from '../errors.js'

export type TypeName = 'string' | 'number' | 'integer' | 'boolean' | 'object' | 'array' | 'null'

/**
 * Adds to `issues` every rule of one schema that `value` breaks, each naming
 * the field by its path from the root (`data.maxDiscount`, `body` for the
 * root itself). Codegen writes one per request and response schema of a spec;
 * `compileSchema` builds one at run time from a schema's keywords.
 */
export type SchemaCheck = (value: unknown, issues: ArgumentIssue[]) => void

/**
 * The JSON Schema keywords the checks understand. Generated request schemas
 * are typed with it, and codegen refuses any other keyword, so a spec that
 * uses one fails to generate instead of leaving that rule silently unchecked.
 */
export interface JsonSchema {
  type?: TypeName | readonly TypeName[]
  enum?: readonly unknown[]
  anyOf?: readonly JsonSchema[]
  properties?: { readonly [name: string]: JsonSchema }
  required?: readonly string[]
  additionalProperties?: boolean | JsonSchema
  minProperties?: number
  maxProperties?: number
  items?: JsonSchema
  minItems?: number
  maxItems?: number
  minLength?: number
  maxLength?: number
  pattern?: string
  /** The pattern for people ("four decimals, e.g. 0.1500"), from the spec; messages say it instead of the pattern. */
  patternInWords?: string
  minimum?: number
  maximum?: number
  exclusiveMinimum?: number
  exclusiveMaximum?: number
  /**
   * The schema's check, compiled: what runs when a value is checked against
   * it. Generated response schemas carry nothing else; not a JSON Schema keyword.
   */
  readonly '~check'?: SchemaCheck
}

/** A schema that carries its compiled check, as every generated one does. */
export type CheckedSchema = JsonSchema & { readonly '~check': SchemaCheck }

/** A plain object: what a caller writes as `{ … }` and `JSON.parse` returns, never a class instance. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false
  const prototype = Object.getPrototypeOf(value)
  return prototype === Object.prototype || prototype === null
}

/**
 * Every rule of `schema` that `value` breaks, found by the schema's compiled
 * check. A value of the wrong type reports only that, not the rules meant for
 * the right type. A check is compiled for one kind of value: a caller's object
 * (whose fields must be own and enumerable, and objects plain), or what
 * `JSON.parse` returned (a response body); `options` is kept for callers that
 * still say which, but the check already knows.
 */
export function schemaIssues(
  schema: JsonSchema,
  value: unknown,
  _options?: { parsedJson?: boolean },
): ArgumentIssue[] {
  const check = schema['~check']
  // The keyword interpreter is not loaded here, so an app ships only the checks codegen wrote.
  if (check === undefined) {
    throw new TypeError(
      'This schema has no compiled check: generate it with @customer-groups/codegen, or pass it through compileSchema() first',
    )
  }
  const issues: ArgumentIssue[] = []
  check(value, issues)
  return issues
}
