import { deref, toJsonSchema } from './json-schema.js'
import type { OpenApiDocument } from './load-spec.js'

/** What codegen knows about one operation of a spec. */
export interface OperationInfo {
  operationId: string
  method: string
  path: string
  parameters: { path: string[]; query: string[] }
  /** The request's parameters and body as one JSON Schema: `{ path?, query?, body? }`. */
  requestSchema: Record<string, unknown>
  /** Each 2xx status and the JSON Schema of its body, `null` for a response without one. */
  responses: Record<string, Record<string, unknown> | null>
  /**
   * Headers the spec requires on every request of the operation with a fixed
   * value (a required header parameter with a string default), e.g.
   * `{ 'Content-Type': 'application/json' }`: the client sends them itself.
   */
  headers: Record<string, string>
}

interface ParameterObject {
  name: string
  in: 'path' | 'query' | 'header' | 'cookie'
  required?: boolean
  schema: unknown
}

interface OperationObject {
  operationId?: string
  parameters?: unknown[]
  requestBody?: unknown
  responses?: Record<string, unknown>
}

const methods = new Set(['get', 'put', 'post', 'patch', 'delete'])

/** Every operation of the spec, in the order the spec lists them. */
export function listOperations(document: OpenApiDocument): OperationInfo[] {
  const found: OperationInfo[] = []
  for (const [path, item] of Object.entries(document.paths)) {
    const shared = (item.parameters as unknown[] | undefined) ?? []
    for (const [method, raw] of Object.entries(item)) {
      if (!methods.has(method)) continue
      const operation = raw as OperationObject
      if (operation.operationId === undefined)
        throw new Error(`${method.toUpperCase()} ${path} has no operationId`)
      const parameters = [...shared, ...(operation.parameters ?? [])].map((parameter) =>
        deref<ParameterObject>(document, parameter),
      )
      found.push({
        operationId: operation.operationId,
        method: method.toUpperCase(),
        path,
        parameters: {
          path: parameters.filter((parameter) => parameter.in === 'path').map((parameter) => parameter.name),
          query: parameters
            .filter((parameter) => parameter.in === 'query')
            .map((parameter) => parameter.name),
        },
        requestSchema: requestSchema(document, parameters, operation.requestBody),
        responses: successResponses(document, operation.responses ?? {}),
        headers: fixedHeaders(document, parameters),
      })
    }
  }
  assertFlatParameters(found)
  // Each operationId becomes an exported name: two alike would be one export overwriting the other.
  const ids = found.map((operation) => operation.operationId)
  const twice = ids.filter((id, index) => ids.indexOf(id) !== index)
  if (twice.length > 0) throw new Error(`operationId ${twice.join(', ')} is used twice`)
  return found
}

export function findOperation(document: OpenApiDocument, operationId: string): OperationInfo {
  const operation = listOperations(document).find((candidate) => candidate.operationId === operationId)
  if (operation === undefined) throw new Error(`No operation has operationId ${operationId}`)
  return operation
}

function requestSchema(
  document: OpenApiDocument,
  parameters: ParameterObject[],
  requestBody: unknown,
): Record<string, unknown> {
  const groups: Record<string, { properties: Record<string, unknown>; required: string[] }> = {}
  for (const parameter of parameters) {
    // Headers are set by the client itself (auth, Content-Type), never by callers.
    if (parameter.in !== 'path' && parameter.in !== 'query') continue
    groups[parameter.in] ??= { properties: {}, required: [] }
    const group = groups[parameter.in] as { properties: Record<string, unknown>; required: string[] }
    group.properties[parameter.name] = toJsonSchema(document, parameter.schema)
    if (parameter.required === true) group.required.push(parameter.name)
  }
  const properties: Record<string, unknown> = {}
  const required: string[] = []
  for (const [location, group] of Object.entries(groups)) {
    properties[location] = {
      type: 'object',
      properties: group.properties,
      required: group.required,
      additionalProperties: false,
    }
    if (group.required.length > 0) required.push(location)
  }
  const body = deref<{ required?: boolean; content?: Record<string, { schema: unknown }> }>(
    document,
    requestBody,
  )
  const json = body?.content?.['application/json']
  if (json !== undefined) {
    properties.body = toJsonSchema(document, json.schema)
    if (body.required === true) required.push('body')
  }
  return { type: 'object', properties, required, additionalProperties: false }
}

function fixedHeaders(document: OpenApiDocument, parameters: ParameterObject[]): Record<string, string> {
  const headers: Record<string, string> = {}
  for (const parameter of parameters) {
    if (parameter.in !== 'header' || parameter.required !== true) continue
    const fallback = deref<{ default?: unknown }>(document, parameter.schema)?.default
    if (typeof fallback !== 'string')
      throw new Error(`header ${parameter.name} is required without a default; callers cannot set headers`)
    headers[parameter.name] = fallback
  }
  return headers
}

function successResponses(
  document: OpenApiDocument,
  responses: Record<string, unknown>,
): Record<string, Record<string, unknown> | null> {
  const success: Record<string, Record<string, unknown> | null> = {}
  for (const [status, raw] of Object.entries(responses)) {
    if (!/^2\d\d$/.test(status)) continue
    const response = deref<{ content?: Record<string, { schema?: unknown }> }>(document, raw)
    const schema = response.content?.['application/json']?.schema
    success[status] = schema === undefined ? null : toJsonSchema(document, schema)
  }
  if (Object.keys(success).length === 0) throw new Error('an operation without a 2xx response')
  return success
}

/**
 * Callers pass path parameters, query parameters and body fields in one flat
 * object; two of them with one name could not be told apart.
 */
function assertFlatParameters(operations: OperationInfo[]): void {
  for (const operation of operations) {
    const body = (operation.requestSchema.properties as Record<string, { properties?: object }>).body
    const names = [
      ...operation.parameters.path,
      ...operation.parameters.query,
      ...Object.keys(body?.properties ?? {}),
    ]
    const twice = names.filter((name, index) => names.indexOf(name) !== index)
    if (twice.length > 0) throw new Error(`${operation.operationId}: ${twice.join(', ')} named twice`)
  }
}
