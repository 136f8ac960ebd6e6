import type { ArgumentIssue } from '../errors/invalid-argument-error.js'

type TypeName = 'string' | 'number' | 'integer' | 'boolean' | 'object' | 'array' | 'null'

/**
 * The JSON Schema keywords the request checks understand. Generated schemas
 * are typed with it, so a spec that uses any other keyword in a request fails
 * to compile instead of leaving that rule silently unchecked.
 */
export interface JsonSchema {
  type?: TypeName | readonly TypeName[]
  enum?: readonly unknown[]
  properties?: { readonly [name: string]: JsonSchema }
  required?: readonly string[]
  additionalProperties?: boolean | JsonSchema
  items?: JsonSchema
  minItems?: number
  maxItems?: number
  minLength?: number
  maxLength?: number
  pattern?: string
  minimum?: number
  maximum?: number
  exclusiveMinimum?: number
  exclusiveMaximum?: number
}

const typeChecks: Record<TypeName, (value: unknown) => boolean> = {
  string: (value) => typeof value === 'string',
  number: (value) => typeof value === 'number' && Number.isFinite(value),
  integer: (value) => Number.isInteger(value),
  boolean: (value) => typeof value === 'boolean',
  object: (value) => typeof value === 'object' && value !== null && !Array.isArray(value),
  array: (value) => Array.isArray(value),
  null: (value) => value === null,
}

const bounds = [
  ['minimum', (value: number, limit: number) => value >= limit, '>='],
  ['maximum', (value: number, limit: number) => value <= limit, '<='],
  ['exclusiveMinimum', (value: number, limit: number) => value > limit, '>'],
  ['exclusiveMaximum', (value: number, limit: number) => value < limit, '<'],
] as const

// A spec's pattern is compiled once, with the `u` flag JSON Schema implies.
const patterns = new Map<string, RegExp>()
function compiled(pattern: string): RegExp {
  let regExp = patterns.get(pattern)
  if (regExp === undefined) {
    regExp = new RegExp(pattern, 'u')
    patterns.set(pattern, regExp)
  }
  return regExp
}

/**
 * Every rule of `schema` that `value` breaks, each naming the field by its
 * path from the root (`data.maxDiscount`). A value of the wrong type reports
 * only that, not the rules meant for the right type.
 */
export function schemaIssues(schema: JsonSchema, value: unknown): ArgumentIssue[] {
  const issues: ArgumentIssue[] = []
  check(schema, value, [], issues)
  return issues
}

/** `path` is one array pushed and popped on the way down: checks run before every call. */
function check(schema: JsonSchema, value: unknown, path: string[], issues: ArgumentIssue[]): void {
  if (schema.type !== undefined) {
    const types: readonly TypeName[] = typeof schema.type === 'string' ? [schema.type] : schema.type
    if (!types.some((type) => typeChecks[type](value))) {
      report(issues, path, `type ${types.join(' | ')}`, `must be ${types.join(' or ')}`)
      return
    }
  }
  if (schema.enum !== undefined && !schema.enum.some((allowed) => equalJson(allowed, value))) {
    report(issues, path, 'enum', `must be one of ${JSON.stringify(schema.enum)}`)
  }
  if (typeof value === 'string') checkString(schema, value, path, issues)
  else if (typeof value === 'number') {
    for (const [keyword, holds, sign] of bounds) {
      const limit = schema[keyword]
      if (limit !== undefined && !holds(value, limit))
        report(issues, path, `${keyword} ${limit}`, `must be ${sign} ${limit}`)
    }
  } else if (Array.isArray(value)) checkArray(schema, value, path, issues)
  else if (typeof value === 'object' && value !== null) {
    checkObject(schema, value as Record<string, unknown>, path, issues)
  }
}

function report(issues: ArgumentIssue[], path: readonly string[], rule: string, message: string): void {
  issues.push({ field: path.length > 0 ? path.join('.') : 'body', rule, message })
}

/** Checks `value` as the field `name` below `path`. */
function checkChild(
  schema: JsonSchema,
  value: unknown,
  path: string[],
  name: string,
  issues: ArgumentIssue[],
) {
  path.push(name)
  check(schema, value, path, issues)
  path.pop()
}

function checkString(schema: JsonSchema, value: string, path: string[], issues: ArgumentIssue[]): void {
  const { minLength, maxLength, pattern } = schema
  if (minLength !== undefined || maxLength !== undefined) {
    // Lengths count code points, as JSON Schema does, not UTF-16 units.
    const length = countCodePoints(value)
    if (minLength !== undefined && length < minLength)
      report(issues, path, `minLength ${minLength}`, `must have at least ${minLength} character(s)`)
    if (maxLength !== undefined && length > maxLength)
      report(issues, path, `maxLength ${maxLength}`, `must have at most ${maxLength} character(s)`)
  }
  if (pattern !== undefined && !compiled(pattern).test(value))
    report(issues, path, `pattern ${pattern}`, `must match the pattern ${pattern}`)
}

function checkArray(schema: JsonSchema, value: unknown[], path: string[], issues: ArgumentIssue[]): void {
  const { minItems, maxItems, items } = schema
  if (minItems !== undefined && value.length < minItems)
    report(issues, path, `minItems ${minItems}`, `must have at least ${minItems} item(s)`)
  if (maxItems !== undefined && value.length > maxItems)
    report(issues, path, `maxItems ${maxItems}`, `must have at most ${maxItems} item(s)`)
  if (items !== undefined) {
    for (let index = 0; index < value.length; index++)
      checkChild(items, value[index], path, String(index), issues)
  }
}

function checkObject(
  schema: JsonSchema,
  value: Record<string, unknown>,
  path: string[],
  issues: ArgumentIssue[],
): void {
  const { properties = {}, required = [], additionalProperties } = schema
  for (const name of required) {
    if (value[name] === undefined) report(issues, [...path, name], 'required', 'is required')
  }
  for (const name in value) {
    if (!Object.hasOwn(value, name)) continue
    const field = value[name]
    const known = Object.hasOwn(properties, name) ? properties[name] : undefined
    // An unknown name is reported even when its value is undefined: it is most likely a typo.
    if (known !== undefined) {
      if (field !== undefined) checkChild(known, field, path, name, issues)
    } else if (additionalProperties === false) {
      report(issues, [...path, name], 'no unknown fields', 'is not a field of this request')
    } else if (typeof additionalProperties === 'object') {
      checkChild(additionalProperties, field, path, name, issues)
    }
  }
}

function countCodePoints(text: string): number {
  let length = 0
  for (const _ of text) length++
  return length
}

function equalJson(a: unknown, b: unknown): boolean {
  if (a === b) return true
  return typeof a === 'object' && typeof b === 'object' && JSON.stringify(a) === JSON.stringify(b)
}
