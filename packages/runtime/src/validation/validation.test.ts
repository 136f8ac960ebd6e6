import { describe, expect, it } from 'vitest'
import { InvalidArgumentError } from '../errors/invalid-argument-error.js'
import { assertValidRequest } from './assert-valid-request.js'
import { type JsonSchema, schemaIssues } from './json-schema.js'
import { assertPathSegment, parsePositiveIntegerId } from './path-segment.js'

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
  try {
    assertValidRequest(request, parts, 'test.update')
  } catch (error) {
    expect(InvalidArgumentError.isInstance(error)).toBe(true)
    return (error as InvalidArgumentError).issues
  }
  return []
}

describe('assertValidRequest', () => {
  it('passes a valid request', () => {
    expect(
      issuesOf({
        path: { id: 1 },
        query: { language: 'cs' },
        body: { data: { name: 'VIP', description: null } },
      }),
    ).toEqual([])
  })

  it('names every broken rule by the field callers know, not where it travels', () => {
    expect(
      issuesOf({
        path: { id: 0 },
        query: { language: 'CZE' },
        body: { data: { colour: 'red', dueDays: 366, level: 'bronze', tags: ['a', 2] } },
      }),
    ).toEqual([
      { field: 'id', rule: 'minimum 1', message: 'must be >= 1' },
      { field: 'language', rule: 'pattern ^[a-z]{2}$', message: 'must match the pattern ^[a-z]{2}$' },
      { field: 'data.name', rule: 'required', message: 'is required' },
      { field: 'data.colour', rule: 'no unknown fields', message: 'is not a field of this request' },
      { field: 'data.dueDays', rule: 'maximum 365', message: 'must be <= 365' },
      { field: 'data.level', rule: 'enum', message: 'must be one of ["gold","silver"]' },
      { field: 'data.tags', rule: 'maxItems 1', message: 'must have at most 1 item(s)' },
      { field: 'data.tags.1', rule: 'type string', message: 'must be string' },
    ])
  })

  it('reports a wrong type alone, without the rules meant for the right type', () => {
    expect(issuesOf({ path: { id: 1.5 }, body: { data: { name: 7, description: 1 } } })).toEqual([
      { field: 'id', rule: 'type integer', message: 'must be integer' },
      { field: 'data.name', rule: 'type string', message: 'must be string' },
      { field: 'data.description', rule: 'type string | null', message: 'must be string or null' },
    ])
  })

  it('reports a missing body and an unknown request part', () => {
    expect(issuesOf({ path: { id: 1 }, headers: {} })).toEqual([
      { field: 'body', rule: 'required', message: 'is required' },
      { field: 'headers', rule: 'no unknown fields', message: 'is not a field of this request' },
    ])
  })
})

describe('schemaIssues', () => {
  it('counts string length in code points, as JSON Schema does', () => {
    const name: JsonSchema = { type: 'string', maxLength: 2, minLength: 2 }
    expect(schemaIssues(name, '😀😀')).toEqual([])
    expect(schemaIssues(name, '😀')).toEqual([
      { field: 'body', rule: 'minLength 2', message: 'must have at least 2 character(s)' },
    ])
  })

  it('treats NaN and Infinity as no number, and 1.0 as an integer', () => {
    expect(schemaIssues({ type: 'number' }, Number.NaN)).toHaveLength(1)
    expect(schemaIssues({ type: 'integer' }, Number.POSITIVE_INFINITY)).toHaveLength(1)
    expect(schemaIssues({ type: 'integer' }, 1.0)).toEqual([])
  })

  it('checks exclusive bounds and additional properties given as a schema', () => {
    expect(schemaIssues({ type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1 }, 1)).toEqual([
      { field: 'body', rule: 'exclusiveMaximum 1', message: 'must be < 1' },
    ])
    expect(
      schemaIssues({ type: 'object', additionalProperties: { type: 'string' } }, { a: 'x', b: 2 }),
    ).toEqual([{ field: 'b', rule: 'type string', message: 'must be string' }])
  })

  it('flags an unknown field even when its value is undefined: it is most likely a typo', () => {
    const schema: JsonSchema = { type: 'object', additionalProperties: false, properties: { name: {} } }
    expect(schemaIssues(schema, { name: undefined, nmae: undefined })).toEqual([
      { field: 'nmae', rule: 'no unknown fields', message: 'is not a field of this request' },
    ])
  })
})

describe('ids', () => {
  it('refuses dot segments that would change the path', () => {
    expect(() => assertPathSegment('c', 'id', '..')).toThrow(InvalidArgumentError)
    expect(() => assertPathSegment('c', 'id', '.')).toThrow(InvalidArgumentError)
    expect(() => assertPathSegment('c', 'id', 'a/../b')).not.toThrow()
  })

  it('accepts only safe positive integers', () => {
    expect(parsePositiveIntegerId('c', 'id', 7)).toBe(7)
    expect(parsePositiveIntegerId('c', 'id', '42')).toBe(42)
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
      expect(() => parsePositiveIntegerId('c', 'id', bad)).toThrow(InvalidArgumentError)
    }
  })
})
