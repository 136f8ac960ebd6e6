import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { deref, listOperations, type OpenApiDocument, type OperationInfo } from '@customer-groups/codegen'
import type { ProviderEntry } from '@customer-groups/registry'
import { parse } from 'yaml'

/** The spec a provider package ships, as users (and the mocks) get it. */
export function shippedSpec(entry: ProviderEntry): OpenApiDocument {
  const path = fileURLToPath(import.meta.resolve(`${entry.packageName}/openapi.yaml`))
  return parse(readFileSync(path, 'utf8')) as OpenApiDocument
}

export interface NamedExample {
  /** `undefined` for a response with a single unnamed example. */
  name: string | undefined
  value: unknown
}

export interface DocumentedResponse {
  status: number
  examples: NamedExample[]
}

export interface OperationSamples {
  info: OperationInfo
  /** Valid parameters from the spec's own examples, as a caller passes them (flat, body unwrapped). */
  params: (bodyEnvelope: string | undefined) => Record<string, unknown>
  responses: DocumentedResponse[]
}

type Node = Record<string, unknown>

function examplesOf(document: OpenApiDocument, media: Node | undefined): NamedExample[] {
  if (media === undefined) return []
  if (media.examples !== undefined) {
    return Object.entries(media.examples as Record<string, unknown>).map(([name, example]) => ({
      name,
      value: deref<Node>(document, example).value,
    }))
  }
  return media.example === undefined ? [] : [{ name: undefined, value: media.example }]
}

/** Every operation of a spec with the samples its own examples give. */
export function operationSamples(document: OpenApiDocument): OperationSamples[] {
  return listOperations(document).map((info) => {
    const operation = (document.paths[info.path] as Record<string, Node>)[info.method.toLowerCase()] as Node
    const parameters = ((operation.parameters as unknown[] | undefined) ?? []).map((raw) =>
      deref<Node>(document, raw),
    )
    const body = deref<Node | undefined>(document, operation.requestBody)
    const bodyExample = examplesOf(
      document,
      (body?.content as Record<string, Node> | undefined)?.['application/json'],
    )[0]
    const responses = Object.entries(operation.responses as Record<string, unknown>).map(([status, raw]) => {
      const response = deref<Node>(document, raw)
      const media = (response.content as Record<string, Node> | undefined)?.['application/json']
      return { status: Number(status), examples: examplesOf(document, media) }
    })
    return {
      info,
      responses,
      params(bodyEnvelope) {
        const params: Record<string, unknown> = {}
        for (const parameter of parameters) {
          if (parameter.in === 'path' || parameter.in === 'query')
            params[String(parameter.name)] = parameter.example
        }
        const value = bodyExample?.value as Node | undefined
        const fields = bodyEnvelope === undefined ? value : (value?.[bodyEnvelope] as Node | undefined)
        return { ...fields, ...params }
      },
    }
  })
}
