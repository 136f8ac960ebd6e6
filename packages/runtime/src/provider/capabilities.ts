import type { JsonSchema } from '../validation/json-schema.js'
import type {
  NormalizedField,
  OperationCapabilities,
  ProviderCapabilities,
} from './customer-group-provider.js'
import type { AnyOperation, ProviderOperations } from './provider-operations.js'

/**
 * What a provider can do, read from its operations' generated facts: which
 * operations exist, whether an update replaces (PUT) or patches (PATCH), which
 * fields are required or nullable, and which of the spec's parameters and
 * fields are provider options. Nothing here is typed twice.
 */
export function deriveCapabilities(
  fields: Readonly<Partial<Record<NormalizedField, string>>>,
  operations: ProviderOperations,
): ProviderCapabilities {
  const mapped = new Set(Object.values(fields))
  const normalizedFields = (Object.keys(fields) as NormalizedField[]).filter(
    (field) => fields[field] !== undefined,
  )

  /** The operation's query parameters and body fields that are not normalized fields, with their schemas. */
  const options = (operation: AnyOperation) => {
    const optionSchemas: Record<string, JsonSchema> = {}
    for (const [name, schema] of Object.entries(operation.fields?.properties ?? {})) {
      if (!mapped.has(name)) optionSchemas[name] = schema
    }
    const query = operation.facts.request.properties?.query?.properties ?? {}
    for (const name of operation.facts.parameters.query) optionSchemas[name] = query[name] ?? {}
    return { providerOptions: Object.keys(optionSchemas), optionSchemas }
  }
  const requiredFields = (operation: AnyOperation) =>
    normalizedFields.filter((field) => operation.fields?.required?.includes(fields[field] as string) === true)

  const result: { -readonly [Name in keyof OperationCapabilities]: OperationCapabilities[Name] } = {}
  const { list, get, create, update } = operations
  if (list !== undefined) result.list = options(list.operation)
  if (get !== undefined) result.get = { via: 'endpoint', ...options(get.operation) }
  else if (list !== undefined) result.get = { via: 'list', ...options(list.operation) }
  if (create !== undefined) {
    result.create = { requiredFields: requiredFields(create.operation), ...options(create.operation) }
  }
  if (update !== undefined) {
    const description =
      fields.description === undefined ? undefined : update.operation.fields?.properties?.[fields.description]
    result.update = {
      mode: update.operation.facts.method === 'PUT' ? 'replace' : 'patch',
      requiredFields: requiredFields(update.operation),
      canClearDescription: description !== undefined && allowsNull(description),
      ...options(update.operation),
    }
  }
  if (operations.delete !== undefined) {
    result.delete = options(operations.delete.operation)
  }
  return { fields: normalizedFields, operations: result }
}

function allowsNull(schema: JsonSchema): boolean {
  if (schema.type === 'null') return true
  if (Array.isArray(schema.type) && schema.type.includes('null')) return true
  return schema.anyOf?.some(allowsNull) === true
}
