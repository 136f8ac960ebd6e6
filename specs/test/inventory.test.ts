import { deref } from '@customer-groups/codegen'
import { describe, expect, it } from 'vitest'
import { type InventoryField, inventory, operationOf, providers, specs } from './spec-helpers.js'

type Schema = {
  type?: string
  nullable?: boolean
  required?: string[]
  properties?: Record<string, unknown>
  items?: unknown
  anyOf?: unknown[]
}

describe.each(providers)('%s spec covers every documented fact', (provider) => {
  const facts = inventory[provider]
  const spec = specs[provider]
  const operation = operationOf(provider)
  const resolve = (node: unknown) => deref<Schema>(spec, node)

  /** Walks a dotted path, stepping into array items; returns the field's schema and its parent object. */
  function locate(root: unknown, path: string): { schema: Schema; parent: Schema } {
    let parent = resolve(root)
    let schema = parent
    for (const segment of path.split('.')) {
      if (schema.type === 'array') schema = resolve(schema.items)
      parent = schema
      const next = schema.properties?.[segment]
      if (next === undefined) throw new Error(`${path}: no property ${segment}`)
      schema = resolve(next)
    }
    return { schema, parent }
  }

  function checkField(root: unknown, field: InventoryField): void {
    const { schema, parent } = locate(root, field.name)
    if (field.type === 'any') expect(schema.type, field.name).toBeUndefined()
    else expect(schema.type, field.name).toBe(field.type)
    if (field.nullable !== null) {
      // An untyped ("any") field is nullable when one of its alternatives is.
      const nullable =
        schema.nullable === true || (schema.anyOf ?? []).some((option) => resolve(option).nullable === true)
      expect(nullable, `${field.name} nullable`).toBe(field.nullable)
    }
    if (field.required !== null) {
      const last = field.name.split('.').at(-1) ?? ''
      expect((parent.required ?? []).includes(last), `${field.name} required`).toBe(field.required)
    }
  }

  it('has the documented server, method, path and security', () => {
    expect(spec.servers?.[0]?.url).toBe(facts.server)
    expect(operation).toBeDefined()
    const schemes = (spec.components as { securitySchemes: Record<string, Record<string, string>> })
      .securitySchemes
    for (const scheme of facts.security) {
      const defined = schemes[scheme.scheme]
      expect(defined?.type).toBe(scheme.type)
      if (scheme.bearer === true) expect(defined?.scheme).toBe('bearer')
      else expect(defined?.name).toBe(scheme.header)
    }
  })

  it('has every documented parameter with its type and required-ness', () => {
    const parameters = (operation.parameters ?? []).map((p) =>
      deref<{ in: string; name: string; required?: boolean; schema: Schema }>(spec, p),
    )
    for (const fact of facts.parameters) {
      if (fact.in === 'header' && fact.name === 'Content-Type') {
        // OpenAPI states Content-Type through the request body's media type, not a header parameter.
        expect(Object.keys(operation.requestBody.content)).toContain(facts.requestContentType)
        expect(operation.requestBody.required).toBe(true)
        continue
      }
      const parameter = parameters.find((p) => p.in === fact.in && p.name === fact.name)
      expect(parameter, `${fact.in} ${fact.name}`).toBeDefined()
      expect(resolve(parameter?.schema).type).toBe(fact.type)
      expect(parameter?.required === true).toBe(fact.required)
    }
  })

  it('has every documented request field', () => {
    const root = operation.requestBody.content[facts.requestContentType]?.schema
    for (const field of facts.request) checkField(root, field)
  })

  it('has every documented response and its fields', () => {
    for (const [status, fields] of Object.entries(facts.responses)) {
      const root = operation.responses[status]?.content?.['application/json']?.schema
      expect(root, status).toBeDefined()
      for (const field of fields) checkField(root, field)
    }
  })
})
