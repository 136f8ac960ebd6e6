import { describe, expect, it } from 'vitest'
import { componentName, toJsonSchema } from './json-schema.js'
import type { OpenApiDocument } from './load-spec.js'

const document = {
  openapi: '3.0.3',
  info: { title: 't', version: '1' },
  paths: {},
  components: {
    schemas: {
      Group: {
        type: 'object',
        properties: { id: { type: 'integer' }, name: { $ref: '#/components/schemas/Name' } },
      },
      Name: { type: 'string', nullable: true },
      UpdateAnswer: { $ref: '#/components/schemas/Group' },
    },
  },
} as unknown as OpenApiDocument

describe('componentName', () => {
  it('names each schema converted from a component, the last of a chain of references', () => {
    const answer = toJsonSchema(document, { $ref: '#/components/schemas/UpdateAnswer' })
    const properties = answer.properties as Record<string, Record<string, unknown>>
    expect(componentName(answer)).toBe('Group')
    expect(componentName(properties.name as Record<string, unknown>)).toBe('Name')
    // A schema written in place has no name, and the name stays out of the schema itself.
    expect(componentName(properties.id as Record<string, unknown>)).toBeUndefined()
    expect(componentName(toJsonSchema(document, { type: 'string' }))).toBeUndefined()
    expect(properties.name).toEqual({ type: ['string', 'null'] })
  })
})
