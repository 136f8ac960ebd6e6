import { describe, expect, it } from 'vitest'
import { canonicalJson } from './canonical-json.js'
import { compileSchema } from './compile-schema.js'
import { issueCodes } from './issue-code.js'
import { type JsonSchema, schemaIssues } from './json-schema.js'
import { parsePositiveInteger, pathSegmentIssues } from './path-segment.js'
import { requestIssues } from './request-issues.js'

const request: JsonSchema = {
  type: 'object',
  required: ['path', 'body'],
  additionalProperties: false,
  properties: {
    path: { type: 'object', required: ['id'], properties: { id: { type: 'integer', minimum: 1 } } },
    query: { type: 'object', properties: { language: { type: 'string', pattern: '^[a-z]{2}$' } } },
    body: {
      type: 'object',
      required: ['data'],
      additionalProperties: false,
      properties: {
        data: {
          type: 'object',
          required: ['name'],
          additionalProperties: false,
          properties: {
            name: { type: 'string', minLength: 1, maxLength: 3 },
            description: { type: ['string', 'null'] },
            dueDays: { type: 'integer', minimum: 0, maximum: 365 },
            level: { enum: ['gold', 'silver'] },
            tags: { type: 'array', maxItems: 1, items: { type: 'string' } },
          },
        },
      },
    },
  },
}

function issuesOf(parts: Record<string, unknown>) {
  return requestIssues(compileSchema(request), parts, 'data.')
}

describe('requestIssues', () => {
  it('passes a valid request', () => {
    expect(
      issuesOf({
        path: { id: 1 },
        query: { language: 'cs' },
        body: { data: { name: 'VIP', description: null } },
      }),
    ).toEqual([])
  })

  it('names every broken rule by the field callers pass, not where it travels, with a closed code', () => {
    expect(
      issuesOf({
        path: { id: 0 },
        query: { language: 'CZE' },
        body: { data: { colour: 'red', dueDays: 366, level: 'bronze', tags: ['a', 2] } },
      }),
    ).toEqual([
      { field: 'id', code: 'minimum', message: 'must be >= 1' },
      { field: 'language', code: 'pattern', message: 'must match the pattern ^[a-z]{2}$' },
      { field: 'name', code: 'required', message: 'is required' },
      { field: 'colour', code: 'unknown-field', message: 'is not a field of this request' },
      { field: 'dueDays', code: 'maximum', message: 'must be <= 365' },
      { field: 'level', code: 'enum', message: 'must be one of ["gold","silver"]' },
      { field: 'tags', code: 'max-items', message: 'must have at most 1 item(s)' },
      { field: 'tags.1', code: 'type', message: 'must be a string' },
    ])
  })

  it('reports a wrong type alone, without the rules meant for the right type', () => {
    expect(issuesOf({ path: { id: 1.5 }, body: { data: { name: 7, description: 1 } } })).toEqual([
      { field: 'id', code: 'type', message: 'must be a whole number' },
      { field: 'name', code: 'type', message: 'must be a string' },
      { field: 'description', code: 'type', message: 'must be a string or null' },
    ])
  })

  it('reports a missing body and an unknown request part', () => {
    expect(issuesOf({ path: { id: 1 }, headers: {} })).toEqual([
      { field: 'body', code: 'required', message: 'is required' },
      { field: 'headers', code: 'unknown-field', message: 'is not a field of this request' },
    ])
  })

  it('counts only own fields of plain objects: inherited ones are not sent', () => {
    const inherited = Object.create({ name: 'VIP' }) as Record<string, unknown>
    expect(issuesOf({ path: { id: 1 }, body: { data: inherited } })).toEqual([
      { field: 'data', code: 'type', message: 'must be a plain object' },
    ])
    const hidden = {}
    Object.defineProperty(hidden, 'name', { value: 'VIP', enumerable: false })
    expect(issuesOf({ path: { id: 1 }, body: { data: hidden } })).toEqual([
      { field: 'name', code: 'required', message: 'is required' },
    ])
    class Group {
      name = 'VIP'
    }
    expect(issuesOf({ path: { id: 1 }, body: { data: new Group() } })[0]?.code).toBe('type')
  })

  it('refuses ids that would not stay one path segment', () => {
    const schema: JsonSchema = { type: 'object', properties: { path: { type: 'object' } } }
    for (const id of ['.', '..', '\ud800']) {
      expect(requestIssues(compileSchema(schema), { path: { id } })).toEqual([
        expect.objectContaining({ field: 'id', code: 'invalid-path-segment' }),
      ])
    }
    expect(requestIssues(compileSchema(schema), { path: { id: 'a/../b' } })).toEqual([])
  })
})

/** The keyword interpreter's issues: the reference the generated checks are held to. */
function interpret(schema: JsonSchema, value: unknown, options: { parsedJson?: boolean } = {}) {
  return schemaIssues(compileSchema(schema, options), value)
}

describe('schemaIssues', () => {
  it('runs the check compiled into the schema, and refuses a schema without one', () => {
    const seen: unknown[] = []
    const checked: JsonSchema = {
      type: 'string',
      '~check': (value, issues) => {
        seen.push(value)
        issues.push({ field: 'body', code: 'type', message: 'compiled' })
      },
    }
    expect(schemaIssues(checked, 1)).toEqual([{ field: 'body', code: 'type', message: 'compiled' }])
    expect(seen).toEqual([1])
    expect(() => schemaIssues({ type: 'string' }, 1)).toThrow(/no compiled check/)
  })
})

describe('compileSchema (the keyword interpreter)', () => {
  it('counts string length in code points, as JSON Schema does', () => {
    const name: JsonSchema = { type: 'string', maxLength: 2, minLength: 2 }
    expect(interpret(name, '😀😀')).toEqual([])
    expect(interpret(name, '😀')).toEqual([
      { field: 'body', code: 'min-length', message: 'must have at least 2 character(s)' },
    ])
  })

  it('treats NaN and Infinity as no number, and 1.0 as an integer', () => {
    expect(interpret({ type: 'number' }, Number.NaN)).toHaveLength(1)
    expect(interpret({ type: 'integer' }, Number.POSITIVE_INFINITY)).toHaveLength(1)
    expect(interpret({ type: 'integer' }, 1.0)).toEqual([])
  })

  it('checks exclusive bounds and additional properties given as a schema', () => {
    expect(interpret({ type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1 }, 1)).toEqual([
      { field: 'body', code: 'maximum', message: 'must be < 1' },
    ])
    expect(interpret({ type: 'object', additionalProperties: { type: 'string' } }, { a: 'x', b: 2 })).toEqual(
      [{ field: 'b', code: 'type', message: 'must be a string' }],
    )
  })

  it('flags an unknown field even when its value is undefined: it is most likely a typo', () => {
    const schema: JsonSchema = { type: 'object', additionalProperties: false, properties: { name: {} } }
    expect(interpret(schema, { name: undefined, nmae: undefined })).toEqual([
      { field: 'nmae', code: 'unknown-field', message: 'is not a field of this request' },
    ])
  })

  it('counts the fields given against minProperties and maxProperties', () => {
    const schema: JsonSchema = { type: 'object', minProperties: 1, maxProperties: 2 }
    expect(interpret(schema, {})).toEqual([
      { field: 'body', code: 'min-properties', message: 'must have at least 1 field(s)' },
    ])
    expect(interpret(schema, { a: undefined })[0]?.code).toBe('min-properties')
    expect(interpret(schema, { a: 1, b: 2, c: 3 })[0]?.code).toBe('max-properties')
  })

  it('passes anyOf when one branch passes, and reports the branch the value fits', () => {
    const schema: JsonSchema = {
      anyOf: [
        { type: 'array', items: { type: 'integer' } },
        { type: 'object', required: ['id'] },
      ],
    }
    expect(interpret(schema, [1, 2])).toEqual([])
    expect(interpret(schema, { id: 1 })).toEqual([])
    expect(interpret(schema, ['x'])).toEqual([
      { field: '0', code: 'type', message: 'must be a whole number' },
    ])
    expect(interpret(schema, 'x')).toEqual([
      { field: 'body', code: 'type', message: 'must be a list or a plain object' },
    ])
  })

  it('finds the same issues in a parsed response body as in a caller object, by the quicker path', () => {
    const group: JsonSchema = {
      type: 'object',
      required: ['id', 'name'],
      properties: { id: { type: 'integer', minimum: 1 }, name: { type: 'string', minLength: 1 } },
    }
    const list: JsonSchema = { type: 'object', properties: { items: { type: 'array', items: group } } }
    const bodies = [
      '{"items":[{"id":1,"name":"A","extra":true}]}',
      '{"items":[{"id":0,"name":""},{"name":"B"},{"id":"1","name":2},null,[],{}]}',
      '{"items":[{"__proto__":{"id":1,"name":"A"}}]}',
      '{"items":{"id":1}}',
      '[]',
    ]
    for (const text of bodies) {
      const quick = interpret(list, JSON.parse(text), { parsedJson: true })
      expect(quick).toEqual(interpret(list, JSON.parse(text)))
    }
    // An own "__proto__" field from JSON.parse is data, not a prototype: the group still lacks id and name.
    expect(interpret(list, JSON.parse(bodies[2] as string), { parsedJson: true })).toHaveLength(2)
  })

  it('uses only codes from the closed set', () => {
    const codes = new Set<string>(issueCodes)
    const all = [
      ...issuesOf({ path: { id: 'x' }, query: { language: 1 }, body: { data: { tags: [1, 2] } } }),
      ...interpret({ type: 'object', minProperties: 2, maxProperties: 0 }, { a: 1 }),
    ]
    for (const issue of all) expect(codes.has(issue.code)).toBe(true)
  })
})

describe('ids', () => {
  it('accepts only safe positive integers, from numbers or their decimal strings', () => {
    expect(parsePositiveInteger(7)).toBe(7)
    expect(parsePositiveInteger('42')).toBe(42)
    for (const bad of [
      0,
      -1,
      1.5,
      '07',
      '1e3',
      ' 1',
      Number.MAX_SAFE_INTEGER + 1,
      '9007199254740993',
      null,
    ]) {
      expect(parsePositiveInteger(bad)).toBeUndefined()
    }
  })

  it('finds dot segments and lone surrogates', () => {
    expect(pathSegmentIssues('id', '..')[0]?.code).toBe('invalid-path-segment')
    expect(pathSegmentIssues('id', 'a\ud800')[0]?.code).toBe('invalid-path-segment')
    expect(pathSegmentIssues('id', 'a/../b')).toEqual([])
  })
})

describe('canonicalJson', () => {
  it('writes equal content as equal text, whatever the key order, leaving undefined fields out', () => {
    expect(canonicalJson({ b: [1, { d: 1, c: undefined }], a: 'x' })).toBe('{"a":"x","b":[1,{"d":1}]}')
    expect(canonicalJson({ a: 1, b: 2 })).toBe(canonicalJson({ b: 2, a: 1 }))
    expect(canonicalJson([undefined, null])).toBe('[null,null]')
  })
})
