import { deref } from '@customer-groups/codegen'
import { describe, expect, it } from 'vitest'
import {
  type InventoryConstraint,
  type InventoryField,
  inventory,
  type OperationInventory,
  operationAt,
  operationsOf,
  type ProviderName,
  providers,
  specs,
  validates,
} from './spec-helpers.js'

type Schema = {
  type?: string
  nullable?: boolean
  required?: string[]
  properties?: Record<string, unknown>
  items?: unknown
  anyOf?: unknown[]
  description?: string
  pattern?: string
} & Record<string, unknown>

type Parameter = { in: string; name: string; required?: boolean; schema: Schema } & Record<string, unknown>

/** `base` with `value` placed at the dotted `path`; a one-segment path that names no body field is the value itself. */
function bodyWith(base: Record<string, unknown> | undefined, path: string, value: unknown): unknown {
  const copy = structuredClone(base ?? {}) as Record<string, unknown>
  const segments = path.split('.')
  let node = copy
  for (const segment of segments.slice(0, -1)) {
    node[segment] = { ...((node[segment] as Record<string, unknown> | undefined) ?? {}) }
    node = node[segment] as Record<string, unknown>
  }
  node[segments.at(-1) ?? ''] = value
  return copy
}

/** The same number of decimals as `max`, one step above it: `"0.9999"` gives `"1.0000"`. */
function stepAbove(max: string): string {
  const decimals = max.split('.')[1]?.length ?? 0
  return (Number(max) + 10 ** -decimals).toFixed(decimals)
}

describe.each(providers)('%s spec covers every documented fact', (provider: ProviderName) => {
  const facts = inventory[provider]
  const spec = specs[provider]
  const resolve = (node: unknown) => deref<Schema>(spec, node)

  /** Walks a dotted path, stepping into array items; returns the field's schema and its parent object. */
  function locate(root: unknown, path: string): { schema: Schema; parent: Schema } {
    let parent = resolve(root)
    let schema = parent
    for (const segment of path.split('.')) {
      // A field typed as one of several shapes (a list or a single object) is walked into the first
      // alternative that has the next property.
      const options = [schema, ...(schema.anyOf ?? []).map(resolve)].map((option) =>
        option.type === 'array' ? resolve(option.items) : option,
      )
      schema = options.find((option) => option.properties?.[segment] !== undefined) ?? schema
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
    if (field.format !== undefined) {
      expect(schema.description?.toLowerCase(), `${field.name} format`).toContain(field.format.toLowerCase())
    }
  }

  it('has the documented server and security', () => {
    expect(spec.servers?.[0]?.url).toBe(facts.server)
    const schemes = (spec.components as { securitySchemes: Record<string, Record<string, string>> })
      .securitySchemes
    for (const scheme of facts.security) {
      const defined = schemes[scheme.scheme]
      expect(defined?.type).toBe(scheme.type)
      // Header names are case-insensitive, so any spelling of the documented one is the same header.
      if (scheme.bearer === true) expect(defined?.scheme).toBe('bearer')
      else expect(defined?.name?.toLowerCase()).toBe(scheme.header.toLowerCase())
    }
  })

  it('sends and receives only the documented media type', () => {
    for (const [route, operation] of operationsOf(provider)) {
      if (operation.requestBody !== undefined) {
        expect(Object.keys(operation.requestBody.content), route).toEqual([facts.mediaType])
      }
      for (const [status, response] of Object.entries(operation.responses)) {
        expect(Object.keys(response.content ?? {}), `${route} ${status}`).toEqual([facts.mediaType])
      }
    }
  })

  it('says why wherever it marks an assumption', () => {
    const reasons: [string, unknown][] = []
    const walk = (node: unknown, path: string) => {
      if (typeof node !== 'object' || node === null) return
      for (const [key, child] of Object.entries(node)) {
        if (key === 'x-customer-groups-assumption') reasons.push([path, child])
        else walk(child, `${path}/${key}`)
      }
    }
    walk(spec, '#')
    expect(reasons.length).toBeGreaterThan(0)
    for (const [path, reason] of reasons) {
      expect(typeof reason === 'string' && reason.trim().length > 20, path).toBe(true)
    }
  })

  it('has exactly the documented operations, each under its operationId', () => {
    const documented = Object.entries(facts.operations).map(([id, op]) => `${op.method} ${op.path} ${id}`)
    const specified = operationsOf(provider).map(([route, op]) => `${route} ${op.operationId}`)
    expect(specified.sort()).toEqual(documented.sort())
  })

  it('has none of the operations the docs say do not exist', () => {
    for (const absent of facts.absent) {
      expect(
        operationAt(provider, absent.method, absent.path),
        `${absent.method} ${absent.path}`,
      ).toBeUndefined()
    }
  })

  describe.each(Object.entries(facts.operations))('%s', (operationId: string, op: OperationInventory) => {
    const operation = operationAt(provider, op.method, op.path)
    const parameters = (operation?.parameters ?? []).map((p) => deref<Parameter>(spec, p))
    const bodyRoot = () => operation?.requestBody?.content[op.requestContentType ?? '']?.schema

    it('exists at the documented method and path', () => {
      expect(operation?.operationId).toBe(operationId)
    })

    it('has every documented parameter with its type and required-ness', () => {
      for (const fact of op.parameters) {
        const parameter = parameters.find((p) => p.in === fact.in && p.name === fact.name)
        expect(parameter, `${fact.in} ${fact.name}`).toBeDefined()
        // A documented header default is what the clients send on every request of the operation.
        if (fact.default !== undefined)
          expect(resolve(parameter?.schema).default, fact.name).toBe(fact.default)
        if (fact.in === 'header' && fact.name === 'Content-Type' && op.requestContentType !== undefined)
          expect(Object.keys(operation?.requestBody?.content ?? {})).toContain(op.requestContentType)
        const type = resolve(parameter?.schema).type
        // A parameter typed otherwise than documented must say why.
        if (type !== fact.type)
          expect(parameter?.['x-customer-groups-assumption'], fact.name).toBeTypeOf('string')
        expect(parameter?.required === true, `${fact.name} required`).toBe(fact.required)
        if (fact.format !== undefined) {
          expect(resolve(parameter?.schema).pattern, `${fact.name} pattern`).toBeTypeOf('string')
          expect(parameter?.description, `${fact.name} description`).toContain(fact.format)
        }
      }
      // Path parameters are all documented: nothing undocumented can be required of a caller there.
      const documentedPath = op.parameters.filter((p) => p.in === 'path').map((p) => p.name)
      expect(parameters.filter((p) => p.in === 'path').map((p) => p.name)).toEqual(documentedPath)
    })

    it('has every documented request field', () => {
      if (op.request === undefined) {
        expect(operation?.requestBody).toBeUndefined()
        return
      }
      expect(operation?.requestBody?.required).toBe(true)
      for (const field of op.request) checkField(bodyRoot(), field)
    })

    it('has every documented response and its fields', () => {
      for (const [status, fields] of Object.entries(op.responses)) {
        const root = operation?.responses[status]?.content?.['application/json']?.schema
        expect(root, status).toBeDefined()
        for (const field of fields) checkField(root, field)
      }
    })

    it('shows every documented error code, message and sample in an example of its status', () => {
      const examplesOf = (status: string) =>
        Object.entries(operation?.responses[status]?.content?.['application/json']?.examples ?? {})
      for (const [status, codes] of Object.entries(op.errorCodes ?? {})) {
        const shown = examplesOf(status).flatMap(([, example]) =>
          ((example.value as { errors?: { errorCode: string }[] }).errors ?? []).map((e) => e.errorCode),
        )
        for (const code of codes) expect(shown, `${status} ${code}`).toContain(code)
      }
      for (const [status, message] of Object.entries(op.messages ?? {})) {
        // Counts in a message vary with the data, so digits are compared as "some number".
        const shape = (text: string) => text.replaceAll(/[0-9]+/g, 'N')
        const shown = examplesOf(status).map(([, example]) =>
          shape((example.value as { message: string }).message),
        )
        expect(shown, status).toContain(shape(message))
      }
      for (const [status, names] of Object.entries(op.examples ?? {})) {
        expect(
          examplesOf(status).map(([name]) => name),
          status,
        ).toEqual(expect.arrayContaining(names))
      }
    })

    it('enforces every documented constraint', () => {
      for (const [path, constraint] of Object.entries(op.constraints ?? {}) as [
        string,
        InventoryConstraint,
      ][]) {
        const parameter = parameters.find((p) => p.name === path)
        const schema = parameter === undefined ? locate(bodyRoot(), path).schema : resolve(parameter.schema)
        for (const keyword of ['minimum', 'maximum', 'minLength', 'maxLength', 'minProperties'] as const) {
          if (constraint[keyword] !== undefined)
            expect(schema[keyword], `${path} ${keyword}`).toBe(constraint[keyword])
        }
        const accepts = (value: unknown) =>
          parameter === undefined
            ? validates(provider, bodyRoot(), bodyWith(op.probeBase, path, value))
            : validates(provider, parameter.schema, value)
        for (const value of constraint.accept ?? [])
          expect(accepts(value), `${path} ${JSON.stringify(value)}`).toBe(true)
        for (const value of constraint.reject ?? [])
          expect(accepts(value), `${path} ${JSON.stringify(value)}`).toBe(false)
        if (constraint.max !== undefined) {
          expect(accepts(constraint.max), `${path} max`).toBe(true)
          expect(accepts(stepAbove(constraint.max)), `${path} above max`).toBe(false)
        }
        if (constraint.publishedPattern !== undefined) {
          // Ours may be stricter than the published rule, never wider: whatever we accept, it accepts.
          const published = new RegExp(constraint.publishedPattern, 'u')
          const probes = [
            ...(constraint.accept ?? []),
            ...(constraint.reject ?? []),
            ...[
              '0.0000',
              '0.1',
              '0.12345',
              '1.0000',
              '9.9999',
              '10.0000',
              '00.5000',
              'x0.5000',
              '0.5000x',
              '.5000',
            ],
          ].filter((probe): probe is string => typeof probe === 'string')
          for (const probe of probes) {
            if (!accepts(probe)) continue
            expect(published.test(probe), `${path} ${probe} published`).toBe(true)
            if (constraint.max !== undefined)
              expect(Number(probe), probe).toBeLessThanOrEqual(Number(constraint.max))
          }
        }
      }
    })

    it('keeps read-only fields out of requests and marks them in responses', () => {
      if (op.readOnly === undefined) return
      const success = Object.keys(op.responses).find((status) => status.startsWith('2')) ?? ''
      const response = operation?.responses[success]?.content?.['application/json']?.schema
      /** Every property name anywhere in a schema. */
      const names = (node: unknown, seen = new Set<string>()): Set<string> => {
        const schema = resolve(node)
        for (const [name, sub] of Object.entries(schema.properties ?? {})) names(sub, seen.add(name))
        if (schema.items !== undefined) names(schema.items, seen)
        for (const option of schema.anyOf ?? []) names(option, seen)
        return seen
      }
      const requestNames = bodyRoot() === undefined ? new Set<string>() : names(bodyRoot())
      for (const path of op.readOnly) {
        expect(locate(response, path).schema.readOnly, path).toBe(true)
        expect(requestNames.has(path.split('.').at(-1) ?? ''), path).toBe(false)
      }
    })

    it('states the defaults and other documented behaviour in its descriptions', () => {
      const body = bodyRoot()
      for (const [path, value] of Object.entries(op.defaults ?? {})) {
        const parentPath = path.split('.').slice(0, -1).join('.')
        const parent = parentPath === '' ? resolve(body) : locate(body, parentPath).schema
        const field = path.split('.').at(-1) ?? ''
        expect(parent.description, path).toMatch(new RegExp(`\`${field}\` ${JSON.stringify(value)}`))
      }
      for (const word of op.mentions ?? []) {
        expect(operation?.description?.toLowerCase(), word).toContain(word.toLowerCase())
      }
    })
  })
})
