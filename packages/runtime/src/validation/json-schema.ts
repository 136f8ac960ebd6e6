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
export function schemaIssues(
  schema: JsonSchema,
  value: unknown,
  path: readonly string[] = [],
): ArgumentIssue[] {
  const issues: ArgumentIssue[] = []
  check(schema, value, path, issues)
  return issues
}

function check(schema: JsonSchema, value: unknown, path: readonly string[], issues: ArgumentIssue[]): void {
  const issue = (rule: string, message: string, at = path) =>
    issues.push({ field: at.length > 0 ? at.join('.') : 'body', rule, message })
  if (schema.type !== undefined) {
    const types: readonly TypeName[] = typeof schema.type === 'string' ? [schema.type] : schema.type
    if (!types.some((type) => typeChecks[type](value))) {
      issue(`type ${types.join(' | ')}`, `must be ${types.join(' or ')}`)
      return
    }
  }
  if (schema.enum !== undefined && !schema.enum.some((allowed) => equalJson(allowed, value))) {
    issue('enum', `must be one of ${JSON.stringify(schema.enum)}`)
  }
  if (typeof value === 'string') checkString(schema, value, issue)
  else if (typeof value === 'number') {
    for (const [keyword, holds, sign] of bounds) {
      const limit = schema[keyword]
      if (limit !== undefined && !holds(value, limit))
        issue(`${keyword} ${limit}`, `must be ${sign} ${limit}`)
    }
  } else if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < schema.minItems)
      issue(`minItems ${schema.minItems}`, `must have at least ${schema.minItems} item(s)`)
    if (schema.maxItems !== undefined && value.length > schema.maxItems)
      issue(`maxItems ${schema.maxItems}`, `must have at most ${schema.maxItems} item(s)`)
    if (schema.items !== undefined) {
      for (const [index, item] of value.entries()) check(schema.items, item, [...path, String(index)], issues)
    }
  } else if (typeof value === 'object' && value !== null) {
    checkObject(schema, value as Record<string, unknown>, path, issues, issue)
  }
}

function checkString(
  schema: JsonSchema,
  value: string,
  issue: (rule: string, message: string) => void,
): void {
  if (schema.minLength !== undefined || schema.maxLength !== undefined) {
    // Lengths count code points, as JSON Schema does, not UTF-16 units.
    const length = countCodePoints(value)
    if (schema.minLength !== undefined && length < schema.minLength)
      issue(`minLength ${schema.minLength}`, `must have at least ${schema.minLength} character(s)`)
    if (schema.maxLength !== undefined && length > schema.maxLength)
      issue(`maxLength ${schema.maxLength}`, `must have at most ${schema.maxLength} character(s)`)
  }
  if (schema.pattern !== undefined && !compiled(schema.pattern).test(value))
    issue(`pattern ${schema.pattern}`, `must match the pattern ${schema.pattern}`)
}

function checkObject(
  schema: JsonSchema,
  value: Record<string, unknown>,
  path: readonly string[],
  issues: ArgumentIssue[],
  issue: (rule: string, message: string, at?: readonly string[]) => void,
): void {
  const properties = schema.properties ?? {}
  for (const name of schema.required ?? []) {
    if (value[name] === undefined) issue('required', 'is required', [...path, name])
  }
  for (const [name, field] of Object.entries(value)) {
    const known = Object.hasOwn(properties, name) ? properties[name] : undefined
    // An unknown name is reported even when its value is undefined: it is most likely a typo.
    if (known !== undefined) {
      if (field !== undefined) check(known, field, [...path, name], issues)
    } else if (schema.additionalProperties === false)
      issue('no unknown fields', 'is not a field of this request', [...path, name])
    else if (typeof schema.additionalProperties === 'object')
      check(schema.additionalProperties, field, [...path, name], issues)
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
