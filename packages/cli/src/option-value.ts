import type { JsonSchema } from '@customer-groups/runtime'

type TypeName = 'string' | 'number' | 'integer' | 'boolean' | 'object' | 'array' | 'null'

function typesOf(schema: JsonSchema | undefined): Set<TypeName> | undefined {
  if (schema?.type !== undefined)
    return new Set(typeof schema.type === 'string' ? [schema.type] : schema.type)
  if (schema?.anyOf !== undefined) {
    const branches = schema.anyOf.map(typesOf)
    if (branches.every((branch) => branch !== undefined))
      return new Set(branches.flatMap((branch) => [...branch]))
  }
  return undefined
}

/**
 * Reads a provider option given as text (`--option key=value`, a CSV cell),
 * as the spec types the option: `null` is null, a JSON string in double quotes
 * is that string; otherwise an option the spec types as text stays the text
 * as given (`business_code=007`, `maxDiscount=0.1500`), numbers and
 * `true`/`false` become those values where the spec takes them. Without a
 * schema, whole numbers and `true`/`false` are read as such.
 */
export function parseOptionValue(text: string, schema?: JsonSchema): unknown {
  if (text === 'null') return null
  if (text.startsWith('"') && text.endsWith('"') && text.length >= 2) return JSON.parse(text) as unknown
  const types = typesOf(schema)
  const takes = (type: TypeName) => types === undefined || types.has(type)
  if (types?.has('string')) return text
  if (takes('boolean') && (text === 'true' || text === 'false')) return text === 'true'
  if (takes('integer') && /^-?(0|[1-9][0-9]*)$/.test(text) && Number.isSafeInteger(Number(text)))
    return Number(text)
  if (types?.has('number') && /^-?(0|[1-9][0-9]*)(\.[0-9]+)?$/.test(text)) return Number(text)
  return text
}

/** Splits `key=value`; the key must be non-empty. The value is read by the option's schema, when known. */
export function parseOptionAssignment(
  assignment: string,
  schemaOf: (key: string) => JsonSchema | undefined = () => undefined,
): [string, unknown] {
  const equals = assignment.indexOf('=')
  if (equals <= 0) throw new Error(`--option takes PROVIDER.OPTION=VALUE, got "${assignment.slice(0, 40)}"`)
  const key = assignment.slice(0, equals)
  return [key, parseOptionValue(assignment.slice(equals + 1), schemaOf(key))]
}
