import { deref, toJsonSchema } from './json-schema.js'
import type { OpenApiDocument } from './load-spec.js'

export interface OperationInfo {
  operationId: string
  method: string
  path: string
  /** The request's parameters and body as one JSON Schema: `{ path, query?, body }`. */
  requestSchema: Record<string, unknown>
}

interface ParameterObject {
  name: string
  in: 'path' | 'query' | 'header' | 'cookie'
  required?: boolean
  schema: unknown
}

export function findOperation(document: OpenApiDocument, operationId: string): OperationInfo {
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      const op = operation as { operationId?: string; parameters?: unknown[]; requestBody?: unknown }
      if (op.operationId !== operationId) continue
      return { operationId, method: method.toUpperCase(), path, requestSchema: requestSchema(document, op) }
    }
  }
  throw new Error(`No operation has operationId ${operationId}`)
}

function requestSchema(
  document: OpenApiDocument,
  operation: { parameters?: unknown[]; requestBody?: unknown },
): Record<string, unknown> {
  const groups: Record<string, { properties: Record<string, unknown>; required: string[] }> = {}
  for (const raw of operation.parameters ?? []) {
    const parameter = deref<ParameterObject>(document, raw)
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
    operation.requestBody,
  )
  const json = body?.content?.['application/json']
  if (json !== undefined) {
    properties.body = toJsonSchema(document, json.schema)
    if (body.required === true) required.push('body')
  }
  return { type: 'object', properties, required, additionalProperties: false }
}
