import type { OpenApiDocument } from './load-spec.js'

type SchemaObject = Record<string, unknown>

/**
 * Keywords that document a schema but never change what it accepts. `format`
 * is one too, as JSON Schema itself treats it by default: a spec that needs a
 * format enforced writes a `pattern` (specs/README.md says so).
 */
const annotationKeys = new Set([
  'format',
  'example',
  'examples',
  'description',
  'title',
  'deprecated',
  'readOnly',
  'writeOnly',
])

/** Follows a local `$ref` such as `#/components/schemas/CustomerGroup`. */
export function resolveRef(document: OpenApiDocument, ref: string): unknown {
  if (!ref.startsWith('#/')) throw new Error(`Only local $refs are supported, got ${ref}`)
  let node: unknown = document
  for (const segment of ref.slice(2).split('/')) {
    const key = segment.replaceAll('~1', '/').replaceAll('~0', '~')
    if (typeof node !== 'object' || node === null || !(key in node))
      throw new Error(`Unresolvable $ref ${ref}`)
    node = (node as Record<string, unknown>)[key]
  }
  return node
}

/** Returns the node itself, or what its `$ref` points to. */
export function deref<T = SchemaObject>(document: OpenApiDocument, node: unknown): T {
  let current = node
  const seen = new Set<string>()
  while (typeof current === 'object' && current !== null && '$ref' in current) {
    const ref = String((current as { $ref: unknown }).$ref)
    if (seen.has(ref)) throw new Error(`Circular $ref ${ref}`)
    seen.add(ref)
    current = resolveRef(document, ref)
  }
  return current as T
}

/** The spec's words for a schema's pattern, kept for messages as `patternInWords`. */
const patternInWords = 'x-customer-groups-pattern'

/**
 * Converts an OpenAPI 3.0 schema into plain JSON Schema (draft 7): `$ref`s are
 * inlined, `nullable` becomes a `null` type, and annotations and `x-` extensions go,
 * except the words for a pattern (`x-customer-groups-pattern` becomes `patternInWords`).
 */
export function toJsonSchema(document: OpenApiDocument, node: unknown): SchemaObject {
  const converted = convert(document, node)
  const name = componentOf(document, node)
  if (name !== undefined) componentNames.set(converted, name)
  return converted
}

/** The name of the component each converted schema came from, kept beside it rather than in it. */
const componentNames = new WeakMap<SchemaObject, string>()

/** The spec's name for a schema `toJsonSchema` returned, when it is one of `#/components/schemas`. */
export function componentName(schema: SchemaObject): string | undefined {
  return componentNames.get(schema)
}

/**
 * The component a `$ref` leads to, the last of a chain (`UpdateCustomerGroupResponse` that is
 * `CustomerGroupListResponse`); `undefined` for a schema written in place.
 */
function componentOf(document: OpenApiDocument, node: unknown): string | undefined {
  const prefix = '#/components/schemas/'
  let name: string | undefined
  for (let current = node; ; ) {
    const ref = (current as { $ref?: unknown } | null)?.$ref
    if (typeof ref !== 'string') return name
    if (ref.startsWith(prefix)) name = ref.slice(prefix.length)
    // A circular chain never gets here: converting the schema first refused it.
    current = resolveRef(document, ref)
  }
}

function convert(document: OpenApiDocument, node: unknown): SchemaObject {
  const schema = deref(document, node)
  const out: SchemaObject = {}
  for (const [key, value] of Object.entries(schema)) {
    if (key === patternInWords) {
      out.patternInWords = value
      continue
    }
    if (annotationKeys.has(key) || key.startsWith('x-') || key === 'nullable') continue
    if (key === 'properties') {
      out[key] = Object.fromEntries(
        Object.entries(value as Record<string, unknown>).map(([name, sub]) => [
          name,
          toJsonSchema(document, sub),
        ]),
      )
    } else if (
      key === 'items' ||
      key === 'not' ||
      (key === 'additionalProperties' && typeof value === 'object')
    ) {
      out[key] = toJsonSchema(document, value)
    } else if (key === 'anyOf' || key === 'oneOf' || key === 'allOf') {
      out[key] = (value as unknown[]).map((sub) => toJsonSchema(document, sub))
    } else {
      out[key] = value
    }
  }
  if (schema.nullable === true) return allowNull(out)
  return out
}

function allowNull(schema: SchemaObject): SchemaObject {
  if (typeof schema.type === 'string') {
    const nullable: SchemaObject = { ...schema, type: [schema.type, 'null'] }
    if (Array.isArray(schema.enum)) nullable.enum = [...schema.enum, null]
    return nullable
  }
  if (Array.isArray(schema.anyOf)) return { ...schema, anyOf: [...schema.anyOf, { type: 'null' }] }
  if (schema.type === undefined) return schema
  throw new Error(`nullable is not supported on ${JSON.stringify(schema)}`)
}
