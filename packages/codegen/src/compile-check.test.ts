import { join } from 'node:path'
import { transformSync } from 'esbuild'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  type ArgumentIssue,
  addIssue,
  anyOfIssues,
  codePointLength,
  compileSchema,
  fieldAt,
  isJsonObject,
  isOwnField,
  isPlainObject,
  type OperationFacts,
  requiredIssues,
  type SchemaCheck,
} from '../../runtime/src/index.js'
import { schemaArb, valueArb } from './check-arbitraries.js'
import { type CheckMode, CheckWriter, type Sharing } from './compile-check.js'
import { loadSpec } from './load-spec.js'
import { listOperations } from './operation.js'
import { generatedPackages } from './workspace.js'

// Reproducible by default; FC_SEED=random explores new cases.
const seed = process.env.FC_SEED === 'random' ? undefined : Number(process.env.FC_SEED ?? 20261125)

/**
 * The generated module, compiled to JavaScript and run, with the runtime's helpers it imports.
 * `every` gives each schema below the root a function of its own, so that the calls between
 * functions, and the place in the path each is handed, are held to the interpreter too.
 */
function generatedCheck(schema: Record<string, unknown>, mode: CheckMode, sharing: Sharing): SchemaCheck {
  const writer = new CheckWriter({ sharing })
  const name = writer.check(schema, mode, 'check', 'fuzzed schema')
  const source = writer.module()
  const imported = source.match(
    /^import \{ type ArgumentIssue((?:, \w+)*) \} from '@customer-groups\/runtime'$/m,
  )
  if (imported === null) throw new Error(`unexpected imports in ${source.slice(0, 200)}`)
  const helpers = (imported[1] ?? '').split(', ').filter(Boolean)
  const script = source.replace(/^import .*$/m, '').replaceAll('export function', 'function')
  const { code: body } = transformSync(script, { loader: 'ts', target: 'es2022' })
  const run = new Function(...helpers, `${body}\nreturn ${name}`)
  return run(
    ...helpers.map((helper) => {
      if (!Object.hasOwn(runtimeHelpers, helper)) throw new Error(`${helper} is not a runtime check helper`)
      return runtimeHelpers[helper as keyof typeof runtimeHelpers]
    }),
  ) as SchemaCheck
}

/** What a generated check may import from the runtime. */
const runtimeHelpers = {
  addIssue,
  anyOfIssues,
  codePointLength,
  fieldAt,
  isJsonObject,
  isOwnField,
  isPlainObject,
  requiredIssues,
}

/** What a check does with a value: the issues it lists, or the error it throws. */
function outcome(check: SchemaCheck, value: unknown) {
  const issues: ArgumentIssue[] = []
  try {
    check(value, issues)
    return { issues }
  } catch (error) {
    return { threw: String(error) }
  }
}

describe('generated checks against the keyword interpreter', () => {
  it.each(['caller', 'json'] as const)(
    'list the same issues, in the same order, for random schemas and %s values',
    (mode) => {
      let values = 0
      fc.assert(
        fc.property(
          schemaArb.chain((schema) =>
            fc.tuple(fc.constant(schema), fc.array(valueArb(schema, mode), { minLength: 20, maxLength: 20 })),
          ),
          ([schema, samples]) => {
            const inPlace = generatedCheck(schema, mode, 'reused')
            const split = generatedCheck(schema, mode, 'every')
            const interpreted = compileSchema(schema as never, { parsedJson: mode === 'json' })['~check']
            for (const value of samples) {
              values++
              const expected = outcome(interpreted, value)
              expect(outcome(inPlace, value)).toEqual(expected)
              expect(outcome(split, value)).toEqual(expected)
            }
          },
        ),
        { numRuns: 400, ...(seed === undefined ? {} : { seed }) },
      )
      expect(values).toBe(8_000)
    },
    60_000,
  )
})

describe('the committed checks of every provider against the keyword interpreter', () => {
  const runsPerCheck = 3_000
  it.each(generatedPackages().map((pkg) => [pkg.name, pkg.dir, pkg.spec]))(
    '%s: every request and response check lists the same issues as the interpreter reading the spec',
    async (_name, dir, spec) => {
      const { document } = loadSpec(spec)
      const generated = (await import(join(dir, 'src/generated/operations.ts'))) as Record<
        string,
        OperationFacts
      >
      let values = 0
      let checked = 0
      for (const operation of listOperations(document)) {
        const facts = generated[operation.operationId]
        const checks: [string, Record<string, unknown>, SchemaCheck | undefined, CheckMode][] = [
          ['request', operation.requestSchema, facts?.request['~check'], 'caller'],
        ]
        for (const [status, schema] of Object.entries(operation.responses)) {
          if (schema !== null)
            checks.push([status, schema, facts?.responses[Number(status)]?.['~check'], 'json'])
        }
        for (const [what, schema, check, mode] of checks) {
          if (check === undefined) throw new Error(`${operation.operationId} ${what}: no generated check`)
          checked++
          const interpreted = compileSchema(schema as never, { parsedJson: mode === 'json' })['~check']
          fc.assert(
            fc.property(valueArb(schema, mode), (value) => {
              values++
              expect(outcome(check, value)).toEqual(outcome(interpreted, value))
            }),
            { numRuns: runsPerCheck, ...(seed === undefined ? {} : { seed }) },
          )
        }
      }
      // Every request and success answer of the spec, each tried with as many values.
      expect(checked).toBeGreaterThanOrEqual(2)
      expect(values).toBe(checked * runsPerCheck)
    },
    60_000,
  )
})

describe('CheckWriter', () => {
  it.each([
    [{ multipleOf: 2 }, 'the keyword "multipleOf"'],
    [{ type: 'array', uniqueItems: true }, 'the keyword "uniqueItems"'],
    [{ properties: { a: { oneOf: [{ type: 'string' }] } } }, '/properties/a/oneOf: the checks do not know'],
    [{ anyOf: [{ not: { type: 'string' } }] }, '/anyOf/0/not'],
    // OpenAPI 3.0 writes exclusiveMinimum as a flag beside minimum; JSON Schema as the bound itself.
    [{ minimum: 1, exclusiveMinimum: true }, '/exclusiveMinimum: must be a number'],
    [{ type: 'date' }, '"date" is not a JSON Schema type'],
    [{ pattern: '(' }, 'Invalid regular expression'],
  ])('refuses %j rather than leave a rule unchecked', (schema, message) => {
    expect(() => new CheckWriter().check(schema, 'caller', 'check', 'op request')).toThrow(message)
  })

  const group = {
    type: 'object',
    required: ['id'],
    properties: { id: { type: 'integer' }, name: { type: 'string', minLength: 1 } },
  }
  const list = { type: 'array', items: group }
  const functionsOf = (module: string) =>
    [...module.matchAll(/^(?:export )?function (\w+)/gm)].map(([, name]) => name)
  const callsOf = (module: string, name: string) => module.split(`${name}(`).length - 2

  it('writes a schema that several places reach once, in a function each calls with its place', () => {
    const writer = new CheckWriter()
    writer.check({ type: 'object', properties: { one: group, many: list } }, 'json', 'checkAnswer', 'a')
    writer.check({ type: 'object', properties: { data: group } }, 'json', 'checkSingle', 'b')
    const module = writer.module()
    expect(functionsOf(module)).toEqual(['checkAnswer', 'checkSingle', 'checkAnswerOne'])
    expect(callsOf(module, 'checkAnswerOne')).toBe(3)
    // An item's call is handed the list's prefix, joined once before the loop, and its index.
    expect(module).toMatch(
      /const (at\d+) = "many\."\n.*\n.*\n\s+checkAnswerOne\(item\d+, issues, \1, index\d+\)/,
    )
    expect(module).toContain('checkAnswerOne(field2, issues, "one.")')
  })

  it("names a component's function after it, and checks a list's items in its loop when only that list has them", () => {
    const names = new Map<object, string>()
    const item = { ...group }
    const fields = { type: 'object', properties: { a: { type: 'string', pattern: '^a$', minLength: 2 } } }
    names.set(item, 'Group').set(fields, 'Fields')
    const writer = new CheckWriter({ nameOf: (schema) => names.get(schema) })
    writer.check(
      { type: 'object', properties: { list: { type: 'array', items: item }, fields } },
      'json',
      'checkAnswer',
      'a',
    )
    const module = writer.module()
    expect(functionsOf(module)).toEqual(['checkAnswer', 'checkFieldsSchema'])
    expect(module).toContain('addIssue(issues, "type", "must be a whole number", "id", at')
  })

  it('checks the fields of objects that name the same ones in one function, after what their names share', () => {
    const properties = {
      name: { type: 'string', minLength: 1, maxLength: 9 },
      note: { type: ['string', 'null'] },
    }
    const create = { type: 'object', additionalProperties: false, required: ['name'], properties }
    const update = { type: 'object', additionalProperties: false, minProperties: 1, properties }
    const names = new Map<object, string>([
      [create, 'CreateGroupFields'],
      [update, 'UpdateGroupFields'],
    ])
    const writer = new CheckWriter({ nameOf: (schema) => names.get(schema) })
    writer.check({ type: 'object', properties: { body: create } }, 'caller', 'checkCreate', 'a')
    writer.check({ type: 'object', properties: { body: update } }, 'caller', 'checkUpdate', 'b')
    const module = writer.module()
    expect(functionsOf(module)).toEqual([
      'checkCreate',
      'checkUpdate',
      'checkCreateGroupFieldsSchema',
      'checkUpdateGroupFieldsSchema',
      'checkGroupFieldsField',
    ])
    expect(module.match(/case "name":/g)).toHaveLength(1)
    expect(callsOf(module, 'checkGroupFieldsField')).toBe(2)
  })

  it('writes a short schema in place, even where several places reach it', () => {
    const short = { type: 'string', minLength: 1 }
    const writer = new CheckWriter()
    writer.check({ type: 'object', properties: { a: short, b: short } }, 'json', 'check', 'a')
    expect(functionsOf(writer.module())).toEqual(['check'])
  })

  it('says a message used three times or more through a constant', () => {
    const writer = new CheckWriter()
    const strings = Object.fromEntries(['a', 'b', 'c'].map((name) => [name, { type: 'string' }]))
    writer.check({ type: 'object', properties: strings }, 'json', 'check', 'a')
    const module = writer.module()
    expect(module).toContain('const mustBeAString = "must be a string"')
    expect(module.match(/, mustBeAString, /g)).toHaveLength(3)
    expect(module).toContain('"must be a plain object"')
  })

  it('writes one function for schemas that are alike, and one constant per pattern', () => {
    const writer = new CheckWriter()
    const schema = { type: 'string', pattern: '^a$' }
    expect(writer.check(schema, 'json', 'first', 'a')).toBe('first')
    expect(writer.check({ ...schema }, 'json', 'second', 'b')).toBe('first')
    // A caller's value is checked differently (plain objects, own fields): its own function.
    expect(writer.check(schema, 'caller', 'third', 'c')).toBe('third')
    expect(writer.module().match(/= \/\^a\$\/u/g)).toHaveLength(1)
  })
})
