// Test support: random schemas of every keyword the checks know, and values aimed at each schema's
// edges, for the differential test of generated checks against the runtime's keyword interpreter.
import fc from 'fast-check'
import type { CheckMode } from './compile-check.js'

type Schema = Record<string, unknown>

const typeNames = ['string', 'number', 'integer', 'boolean', 'object', 'array', 'null'] as const

/** Field names, with the ones that trip up naive code: prototype members, dots, the empty name. */
const names = ['a', 'b', 'id', 'name', 'x.y', '', 'constructor', 'toString', '__proto__', 'ünï']
const patterns = ['^[a-z]{2}$', '^[0-9]+$', 'a', '^\\p{L}+$', '^0\\.[0-9]{4}$', '/', '^$']
const enumValues = ['a', 'b', '', 0, 1, -0, 1.5, true, false, null, [1], { a: 1 }, [], {}]

const typeArb = fc.oneof(
  fc.constantFrom(...typeNames),
  fc.uniqueArray(fc.constantFrom(...typeNames), { minLength: 1, maxLength: 3 }),
)
const count = fc.integer({ min: 0, max: 3 })
const bound = fc.oneof(fc.integer({ min: -3, max: 10 }), fc.constantFrom(0.5, -0, 2 ** 53))

const scalarKeywords = {
  type: typeArb,
  enum: fc.uniqueArray(fc.constantFrom(...enumValues), { maxLength: 4 }),
  minLength: count,
  maxLength: count,
  pattern: fc.constantFrom(...patterns),
  patternInWords: fc.constantFrom('two letters', 'four decimals, e.g. 0.1500'),
  minimum: bound,
  maximum: bound,
  exclusiveMinimum: bound,
  exclusiveMaximum: bound,
}

/** Schemas of every keyword the checks know, nested a few levels deep. */
export const schemaArb: fc.Arbitrary<Schema> = fc.letrec<{
  schema: Schema
  leaf: Schema
  object: Schema
  array: Schema
  anyOf: Schema
}>((tie) => ({
  schema: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    tie('leaf'),
    tie('object'),
    tie('array'),
    tie('anyOf'),
  ),
  leaf: fc.record(scalarKeywords, { requiredKeys: [] }),
  object: fc
    .record(
      {
        type: fc.constantFrom('object', ['object', 'null'], ['object', 'array']),
        properties: fc.dictionary(fc.constantFrom(...names), tie('schema'), { maxKeys: 4 }),
        required: fc.uniqueArray(fc.constantFrom(...names), { maxLength: 3 }),
        additionalProperties: fc.oneof(fc.boolean(), tie('schema')),
        minProperties: count,
        maxProperties: count,
      },
      { requiredKeys: ['properties'] },
    )
    .map(({ properties, ...rest }) => ({ ...rest, properties: ownCopy(properties) })),
  array: fc.record(
    {
      type: fc.constantFrom('array', ['array', 'null']),
      items: tie('schema'),
      minItems: count,
      maxItems: count,
    },
    { requiredKeys: [] },
  ),
  anyOf: fc.oneof(
    fc.record(
      { anyOf: fc.array(tie('schema'), { maxLength: 3 }), type: typeArb },
      { requiredKeys: ['anyOf'] },
    ),
    // Branches that only name types (or nothing at all), which the checks test in one expression.
    fc.record(
      {
        anyOf: fc.array(fc.oneof(fc.record({ type: typeArb }), fc.constant({})), { maxLength: 3 }),
        type: typeArb,
      },
      { requiredKeys: ['anyOf'] },
    ),
  ),
})).schema

/** A copy whose keys are all own data fields, `__proto__` included, as YAML would give them. */
function ownCopy<T>(record: Record<string, T>): Record<string, T> {
  const copy: Record<string, T> = {}
  for (const [key, value] of Object.entries(record))
    Object.defineProperty(copy, key, { value, enumerable: true, writable: true, configurable: true })
  return copy
}

/** `[ , 1]`: a hole reads as undefined, and for…in skips it. */
function sparse(): unknown[] {
  const list: unknown[] = []
  list[1] = 1
  return list
}

class Instance {
  a = 1
}

/** Whatever a caller might pass: every JSON type, and what JSON cannot hold. */
function anything(mode: CheckMode): fc.Arbitrary<unknown> {
  const json = fc.oneof(
    fc.constant(null),
    fc.boolean(),
    fc.integer({ min: -5, max: 300 }),
    fc.constantFrom(0.5, -0, 2 ** 53, -(2 ** 53) - 2, 1e21),
    fc.string({ maxLength: 4 }),
    fc.constantFrom('😀', 'a😀b', 'ab', '0.1500', 'cs'),
    fc.constant([]),
    fc.constant({}),
    fc.array(fc.integer(), { maxLength: 3 }),
    fc.constantFrom(...enumValues),
  )
  if (mode === 'json') return json
  return fc.oneof(
    { weight: 4, arbitrary: json },
    fc.constantFrom(
      undefined,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      '\ud800',
      new Instance(),
      new Date(0),
      Object.create(null),
      Object.defineProperty({}, 'a', { value: 1, enumerable: false }),
      [undefined],
      sparse(),
    ),
  )
}

/**
 * Values aimed at `schema`: mostly of a type it takes and near its bounds,
 * with fields missing, unknown or wrong, and now and then anything at all.
 * Caller values may hold what only JavaScript has (undefined, NaN, class
 * instances, non-enumerable fields); JSON values are what JSON.parse returns.
 */
export function valueArb(schema: Schema, mode: CheckMode, depth = 0): fc.Arbitrary<unknown> {
  const shaped = shapedArb(schema, mode, depth)
  const value = fc.oneof({ weight: 5, arbitrary: shaped }, { weight: 1, arbitrary: anything(mode) })
  return mode === 'json' ? value.map(viaJson) : value
}

function viaJson(value: unknown): unknown {
  const text = JSON.stringify(value)
  return text === undefined ? null : JSON.parse(text)
}

function shapedArb(schema: Schema, mode: CheckMode, depth: number): fc.Arbitrary<unknown> {
  if (depth > 4) return anything(mode)
  const options: fc.Arbitrary<unknown>[] = []
  if (Array.isArray(schema.enum) && schema.enum.length > 0) options.push(fc.constantFrom(...schema.enum))
  if (Array.isArray(schema.anyOf) && schema.anyOf.length > 0)
    options.push(fc.oneof(...(schema.anyOf as Schema[]).map((branch) => valueArb(branch, mode, depth + 1))))
  const types = schema.type === undefined ? [] : typeof schema.type === 'string' ? [schema.type] : schema.type
  const kinds = new Set<string>(types as string[])
  if (kinds.size === 0) {
    if (schema.properties !== undefined || schema.required !== undefined) kinds.add('object')
    if (schema.items !== undefined) kinds.add('array')
    if (schema.pattern !== undefined || schema.minLength !== undefined) kinds.add('string')
    if (schema.minimum !== undefined || schema.maximum !== undefined) kinds.add('number')
  }
  for (const kind of kinds) options.push(typedArb(kind, schema, mode, depth))
  return options.length === 0 ? anything(mode) : fc.oneof(...options)
}

/** Strings that match a pattern, where fast-check can read it; others still come from the string arbitraries. */
function matching(pattern: string): fc.Arbitrary<unknown> {
  try {
    return fc.stringMatching(new RegExp(pattern), { maxLength: 6 })
  } catch {
    return fc.constant('')
  }
}

function typedArb(kind: string, schema: Schema, mode: CheckMode, depth: number): fc.Arbitrary<unknown> {
  switch (kind) {
    case 'string': {
      const lengths = [schema.minLength, schema.maxLength].filter((n): n is number => typeof n === 'number')
      const nearBounds = lengths.flatMap((n) => [n - 1, n, n + 1]).filter((n) => n >= 0)
      const arbitraries: fc.Arbitrary<unknown>[] = [
        fc.string({ maxLength: 5 }),
        fc.string({ unit: 'grapheme', maxLength: 3 }),
        ...nearBounds.map((n) => fc.constantFrom('x'.repeat(n), '😀'.repeat(n))),
      ]
      if (typeof schema.pattern === 'string') arbitraries.push(matching(schema.pattern))
      return fc.oneof(...arbitraries)
    }
    case 'number':
    case 'integer': {
      const limits = ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum']
        .map((keyword) => schema[keyword])
        .filter((n): n is number => typeof n === 'number')
      return fc.oneof(
        fc.integer({ min: -5, max: 12 }),
        fc.double({ min: -5, max: 12, noNaN: true }),
        ...limits.map((n) => fc.constantFrom(n, n - 1, n + 1, n + 0.5)),
      )
    }
    case 'boolean':
      return fc.boolean()
    case 'null':
      return fc.constant(null)
    case 'array': {
      const items = schema.items as Schema | undefined
      const item = items === undefined ? anything(mode) : valueArb(items, mode, depth + 1)
      return fc.array(item, { maxLength: 4 })
    }
    default: {
      const properties = Object.entries((schema.properties ?? {}) as Record<string, Schema>)
      const required = (schema.required ?? []) as string[]
      const known = properties.map(([name, sub]) =>
        fc.option(fc.tuple(fc.constant(name), valueArb(sub, mode, depth + 1)), { freq: 3 }),
      )
      const requiredOnly = required.map((name) =>
        fc.option(fc.tuple(fc.constant(name), anything(mode)), { freq: 2 }),
      )
      const extra = fc.option(fc.tuple(fc.constantFrom(...names), anything(mode)), { freq: 2 })
      return fc
        .tuple(fc.tuple(...known, ...requiredOnly, extra), fc.constantFrom('plain', 'null-prototype'))
        .map(([entries, prototype]) => {
          const object: Record<string, unknown> = prototype === 'plain' ? {} : Object.create(null)
          for (const entry of entries) {
            if (entry === null) continue
            Object.defineProperty(object, entry[0], {
              value: entry[1],
              enumerable: true,
              writable: true,
              configurable: true,
            })
          }
          return object
        })
    }
  }
}
