import type { ArgumentIssue } from '../errors.js'
import { anyOfIssues, codePointLength, isJsonObject, isOwnField, requiredIssues } from './check-helpers.js'
import type { IssueCode } from './issue-code.js'
import {
  type CheckedSchema,
  isPlainObject,
  type JsonSchema,
  type SchemaCheck,
  type TypeName,
} from './json-schema.js'
import { typeWords } from './type-words.js'

// The keyword interpreter: a schema's check built at run time, for schemas codegen did not compile
// (tests, hand-written fixtures) and as the reference the generated checks are tested against.

/** Checks `value` found at `path`, adding what it breaks to `issues`. */
type Check = (value: unknown, path: string[], issues: ArgumentIssue[]) => void

const typeChecks: Record<TypeName, (value: unknown) => boolean> = {
  string: (value) => typeof value === 'string',
  number: (value) => typeof value === 'number' && Number.isFinite(value),
  // Beyond 2^53 a number no longer names one value exactly: an id there would address another group.
  integer: (value) => Number.isSafeInteger(value),
  boolean: (value) => typeof value === 'boolean',
  object: (value) => (parsedJson ? isJsonObject(value) : isPlainObject(value)),
  array: (value) => Array.isArray(value),
  null: (value) => value === null,
}

// Schemas are checked on every call, so each is turned into closures once.
const compiled = new WeakMap<JsonSchema, Check>()

/**
 * The schema with a check built from its keywords: every rule of `schema` the
 * value breaks, each naming the field by its path from the root
 * (`data.maxDiscount`). A value of the wrong type reports only that, not the
 * rules meant for the right type. With `parsedJson`, the check is for what
 * `JSON.parse` returned, whose objects are plain and fields all own.
 */
export function compileSchema(schema: JsonSchema, options: { parsedJson?: boolean } = {}): CheckedSchema {
  const forJson = options.parsedJson === true
  const check: SchemaCheck = (value, issues) => {
    const outer = parsedJson
    parsedJson = forJson
    try {
      compile(schema)(value, [], issues)
    } finally {
      parsedJson = outer
    }
  }
  return { ...schema, '~check': check }
}

/**
 * Set while checking what `JSON.parse` returned (a response body): its objects
 * are plain and all their fields own and enumerable, so the checks a caller's
 * object needs (prototype, own enumerable fields) are skipped on large bodies.
 */
let parsedJson = false

function report(issues: ArgumentIssue[], path: readonly string[], code: IssueCode, message: string): void {
  issues.push({ field: path.length > 0 ? path.join('.') : 'body', code, message })
}

function compile(schema: JsonSchema): Check {
  let check = compiled.get(schema)
  if (check === undefined) {
    check = build(schema)
    compiled.set(schema, check)
  }
  return check
}

function build(schema: JsonSchema): Check {
  const types: readonly TypeName[] | undefined =
    schema.type === undefined ? undefined : typeof schema.type === 'string' ? [schema.type] : schema.type
  const typeTests = types?.map((type) => typeChecks[type])
  // Most schemas name one type: test it directly rather than through .some().
  const typeTest =
    typeTests === undefined
      ? undefined
      : typeTests.length === 1
        ? (typeTests[0] as (value: unknown) => boolean)
        : (value: unknown) => typeTests.some((test) => test(value))
  const typeMessage = types && `must be ${types.map((type) => typeWords[type]).join(' or ')}`
  const rules = [
    ...enumRule(schema),
    ...anyOfRule(schema),
    ...stringRules(schema),
    ...numberRules(schema),
    ...arrayRules(schema),
    ...objectRules(schema),
  ]
  return (value, path, issues) => {
    if (typeTest !== undefined && !typeTest(value)) {
      report(issues, path, 'type', typeMessage as string)
      return
    }
    for (const rule of rules) rule(value, path, issues)
  }
}

function enumRule({ enum: allowed }: JsonSchema): Check[] {
  if (allowed === undefined) return []
  const message = `must be one of ${JSON.stringify(allowed)}`
  return [
    (value, path, issues) => {
      if (!allowed.some((candidate) => equalJson(candidate, value))) report(issues, path, 'enum', message)
    },
  ]
}

/** Passes when one branch passes; else reports the branch the value's type fits, or one type issue. */
function anyOfRule({ anyOf }: JsonSchema): Check[] {
  if (anyOf === undefined) return []
  const branches = anyOf.map(compile)
  const types = anyOf.flatMap((branch) =>
    branch.type === undefined ? [] : typeof branch.type === 'string' ? [branch.type] : branch.type,
  )
  const typeMessage = `must be ${[...new Set(types)].map((type) => typeWords[type]).join(' or ')}`
  return [
    (value, path, issues) => {
      const found: ArgumentIssue[][] = []
      for (const branch of branches) {
        const branchIssues: ArgumentIssue[] = []
        branch(value, path, branchIssues)
        if (branchIssues.length === 0) return
        found.push(branchIssues)
      }
      anyOfIssues(issues, found, fieldOf(path), typeMessage)
    },
  ]
}

/** What comes before a field of the object at `path`: `data.`, or nothing at the root. */
function prefixOf(path: readonly string[]): string {
  return path.length > 0 ? `${path.join('.')}.` : ''
}

function fieldOf(path: readonly string[]): string {
  return path.length > 0 ? path.join('.') : 'body'
}

function stringRules({ minLength, maxLength, pattern, patternInWords }: JsonSchema): Check[] {
  const rules: Check[] = []
  if (minLength !== undefined || maxLength !== undefined) {
    rules.push((value, path, issues) => {
      if (typeof value !== 'string') return
      // Lengths count code points, as JSON Schema does, not UTF-16 units.
      const length = codePointLength(value)
      if (minLength !== undefined && length < minLength)
        report(issues, path, 'min-length', `must have at least ${minLength} character(s)`)
      if (maxLength !== undefined && length > maxLength)
        report(issues, path, 'max-length', `must have at most ${maxLength} character(s)`)
    })
  }
  if (pattern !== undefined) {
    // The `u` flag is what JSON Schema implies.
    const regExp = new RegExp(pattern, 'u')
    const message =
      patternInWords === undefined ? `must match the pattern ${pattern}` : `must be ${patternInWords}`
    rules.push((value, path, issues) => {
      if (typeof value === 'string' && !regExp.test(value)) report(issues, path, 'pattern', message)
    })
  }
  return rules
}

function numberRules(schema: JsonSchema): Check[] {
  const bounds: [
    limit: number | undefined,
    holds: (value: number, limit: number) => boolean,
    sign: string,
  ][] = [
    [schema.minimum, (value, limit) => value >= limit, '>='],
    [schema.exclusiveMinimum, (value, limit) => value > limit, '>'],
    [schema.maximum, (value, limit) => value <= limit, '<='],
    [schema.exclusiveMaximum, (value, limit) => value < limit, '<'],
  ]
  return bounds.flatMap(([limit, holds, sign]): Check[] => {
    if (limit === undefined) return []
    const code: IssueCode = sign.startsWith('>') ? 'minimum' : 'maximum'
    const message = `must be ${sign} ${limit}`
    return [
      (value, path, issues) => {
        if (typeof value === 'number' && !holds(value, limit)) report(issues, path, code, message)
      },
    ]
  })
}

function arrayRules({ minItems, maxItems, items }: JsonSchema): Check[] {
  if (minItems === undefined && maxItems === undefined && items === undefined) return []
  const item = items === undefined ? undefined : compile(items)
  return [
    (value, path, issues) => {
      if (!Array.isArray(value)) return
      if (minItems !== undefined && value.length < minItems)
        report(issues, path, 'min-items', `must have at least ${minItems} item(s)`)
      if (maxItems !== undefined && value.length > maxItems)
        report(issues, path, 'max-items', `must have at most ${maxItems} item(s)`)
      if (item === undefined) return
      for (let index = 0; index < value.length; index++) {
        path.push(String(index))
        item(value[index], path, issues)
        path.pop()
      }
    },
  ]
}

function objectRules(schema: JsonSchema): Check[] {
  const { required = [], minProperties, maxProperties, additionalProperties } = schema
  const properties = new Map(
    Object.entries(schema.properties ?? {}).map(([name, sub]) => [name, compile(sub)]),
  )
  const additional = typeof additionalProperties === 'object' ? compile(additionalProperties) : undefined
  const closed = additionalProperties === false
  if (
    properties.size === 0 &&
    required.length === 0 &&
    additional === undefined &&
    !closed &&
    minProperties === undefined &&
    maxProperties === undefined
  )
    return []
  const known = [...properties]
  // An open object with no limits on its size: only the fields the schema names need a look.
  const namedOnly =
    !closed && additional === undefined && minProperties === undefined && maxProperties === undefined
  return [
    (value, path, issues) => {
      if (!isJsonObject(value)) return
      if (!parsedJson && !isPlainObject(value)) return
      if (namedOnly && parsedJson) {
        const record = value as Record<string, unknown>
        requiredIssues(issues, record, required, prefixOf(path))
        for (const [name, check] of known) {
          const field = record[name]
          if (field === undefined) continue
          path.push(name)
          check(field, path, issues)
          path.pop()
        }
        return
      }
      const record = value as Record<string, unknown>
      // Only own, enumerable fields count: they are what JSON.stringify sends.
      requiredIssues(issues, record, required, prefixOf(path), !parsedJson)
      let count = 0
      for (const name in record) {
        // A plain object inherits no enumerable field, but a caller's may have non-enumerable own ones.
        if (!parsedJson && !isOwnField(record, name)) continue
        const field = record[name]
        if (field !== undefined) count++
        const check = properties.get(name)
        path.push(name)
        // An unknown name is reported even when its value is undefined: it is most likely a typo.
        if (check !== undefined) {
          if (field !== undefined) check(field, path, issues)
        } else if (closed) report(issues, path, 'unknown-field', 'is not a field of this request')
        else if (additional !== undefined) additional(field, path, issues)
        path.pop()
      }
      if (minProperties !== undefined && count < minProperties)
        report(issues, path, 'min-properties', `must have at least ${minProperties} field(s)`)
      if (maxProperties !== undefined && count > maxProperties)
        report(issues, path, 'max-properties', `must have at most ${maxProperties} field(s)`)
    },
  ]
}

function equalJson(a: unknown, b: unknown): boolean {
  if (a === b) return true
  return typeof a === 'object' && typeof b === 'object' && JSON.stringify(a) === JSON.stringify(b)
}
