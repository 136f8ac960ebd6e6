import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import {
  deref,
  loadSpec,
  type OpenApiDocument,
  repoRoot,
  toJsonSchema,
  workspacePackages,
} from '@customer-groups/codegen'
import { builtInProviders, type ProviderId } from '@customer-groups/registry'
import { Ajv } from 'ajv'
import { providerDocsDir } from '../provider-docs.mjs'

// The specs here are the published providers', each held to its provider's docs: the registry's list.
export type ProviderName = ProviderId
export const providers: readonly ProviderName[] = builtInProviders.map((entry) => entry.id)

/** The hand-written spec a provider's package is generated from (its manifest names it). */
export function specPath(provider: ProviderName): string {
  const entry = builtInProviders.find((candidate) => candidate.id === provider)
  const spec = workspacePackages().find((pkg) => pkg.name === entry?.packageName)?.spec
  if (spec === undefined) throw new Error(`No package of the workspace generates ${provider} from a spec`)
  return spec
}

export const specs = Object.fromEntries(
  providers.map((provider) => [provider, loadSpec(specPath(provider)).document]),
) as Record<ProviderName, OpenApiDocument>

export interface InventoryField {
  name: string
  type: string
  nullable: boolean | null
  required: boolean | null
  /** The doc file that states this fact, when it is not the operation's own `source`. */
  source?: string
  /** The text format the docs give for the value, such as `YYYY-MM-DD HH:mm:ss`. */
  format?: string
}

export interface InventoryParameter {
  in: string
  name: string
  type: string
  required: boolean
  source?: string
  format?: string
  /** The value the docs give a header when the caller sets none; the clients send it. */
  default?: string
  /** Where the default is stated, when not in the parameter's own source. */
  defaultSource?: string
  /** Other values the docs say clients send in its place. */
  alsoSent?: string[]
}

/** Limits the docs put on one request field (a dotted path) or parameter (its name). */
export interface InventoryConstraint {
  source?: string
  minimum?: number
  maximum?: number
  minLength?: number
  maxLength?: number
  minProperties?: number
  /** Largest value of a decimal written as a string, such as `"0.9999"`. */
  max?: string
  /** A pattern as the provider publishes it, which ours may tighten but never widen. */
  publishedPattern?: string
  /** Values the docs say pass, and values they say fail. */
  accept?: unknown[]
  reject?: unknown[]
}

export interface OperationInventory {
  /** The doc file the operation is described in. */
  source: string
  /** Headings of fact sheets, by file, whose facts belong to this operation. */
  sections?: Record<string, string[]>
  method: string
  path: string
  parameters: InventoryParameter[]
  requestContentType?: string
  request?: InventoryField[]
  /** A body that satisfies the request schema, into which constraint probes are placed. */
  probeBase?: Record<string, unknown>
  responses: Record<string, InventoryField[]>
  constraints?: Record<string, InventoryConstraint>
  /** Error codes the docs name, by status. */
  errorCodes?: Record<string, string[]>
  /** Messages the docs show in success bodies, by status; numbers in them vary. */
  messages?: Record<string, string>
  /** Doc samples the spec carries as named examples, by status. */
  examples?: Record<string, string[]>
  /** Values a created resource takes for fields the request leaves out. */
  defaults?: Record<string, unknown>
  /** Words the operation's description must use, for facts that are not fields. */
  mentions?: string[]
  /** Response fields the docs say are set by the provider and never sent in requests. */
  readOnly?: string[]
}

/** An operation the docs say does not exist, so the spec must not have it either. */
export interface AbsentOperation {
  method: string
  path: string
  source: string
  section: string
  /** Words of the section that say so. */
  evidence: string
}

export interface ProviderInventory {
  server: string
  /** Other hosts the docs show for the same API. */
  alternateServers?: string[]
  security: { scheme: string; type: string; header: string; bearer?: boolean; source?: string }[]
  /** The media type of every request and response body. */
  mediaType: string
  operations: Record<string, OperationInventory>
  absent: AbsentOperation[]
}

export const inventory = JSON.parse(
  readFileSync(join(repoRoot, 'specs', 'documented-fields.json'), 'utf8'),
) as Record<ProviderName, ProviderInventory>

/** The provider docs the specs are written from: beside the clone as `../shared`, or where the variable says. */
export const docsDir = providerDocsDir(repoRoot)

export type Example = { summary?: string; value: unknown } & Record<string, unknown>

export type MediaType = { schema: unknown; examples?: Record<string, Example> }

export type Response = {
  description: string
  headers?: Record<string, unknown>
  content?: Record<string, MediaType>
} & Record<string, unknown>

export type Operation = {
  operationId: string
  description?: string
  parameters?: unknown[]
  requestBody?: { required?: boolean; content: Record<string, MediaType> }
  /** Responses with their `$ref`s followed, and their examples' too. */
  responses: Record<string, Response>
}

/** Follows the `$ref`s of a response and of its examples, the way Prism reads them. */
function resolveResponse(provider: ProviderName, raw: unknown): Response {
  const response = deref<Response>(specs[provider], raw)
  const content = Object.fromEntries(
    Object.entries(response.content ?? {}).map(([type, media]) => [
      type,
      {
        ...media,
        examples: Object.fromEntries(
          Object.entries(media.examples ?? {}).map(([name, example]) => [
            name,
            deref<Example>(specs[provider], example),
          ]),
        ),
      },
    ]),
  )
  return { ...response, content }
}

function resolveOperation(provider: ProviderName, raw: unknown): Operation {
  const operation = raw as Operation
  const requestBody = operation.requestBody && {
    ...operation.requestBody,
    content: Object.fromEntries(
      Object.entries(operation.requestBody.content).map(([type, media]) => [
        type,
        {
          ...media,
          examples: Object.fromEntries(
            Object.entries(media.examples ?? {}).map(([name, example]) => [
              name,
              deref<Example>(specs[provider], example),
            ]),
          ),
        },
      ]),
    ),
  }
  const responses = Object.fromEntries(
    Object.entries(operation.responses).map(([status, response]) => [
      status,
      resolveResponse(provider, response),
    ]),
  )
  return { ...operation, ...(requestBody && { requestBody }), responses }
}

const methods = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']

/** Every operation of a provider's spec, as `[METHOD path, operation]`. */
export function operationsOf(provider: ProviderName): [string, Operation][] {
  return Object.entries(specs[provider].paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => methods.includes(method))
      .map(([method, operation]): [string, Operation] => [
        `${method.toUpperCase()} ${path}`,
        resolveOperation(provider, operation),
      ]),
  )
}

/** The spec's operation at `method path`, or undefined. */
export function operationAt(provider: ProviderName, method: string, path: string): Operation | undefined {
  const raw = specs[provider].paths[path]?.[method.toLowerCase()]
  return raw === undefined ? undefined : resolveOperation(provider, raw)
}

/** The spec's operation with this operationId; throws when there is none. */
export function operationOf(provider: ProviderName, operationId: string): Operation {
  const found = operationsOf(provider).find(([, operation]) => operation.operationId === operationId)
  if (found === undefined) throw new Error(`${provider} has no operation ${operationId}`)
  return found[1]
}

/** The JSON request body schema of an operation. */
export function bodySchemaOf(provider: ProviderName, operationId: string): unknown {
  return operationOf(provider, operationId).requestBody?.content['application/json']?.schema
}

/** The schema of one of an operation's parameters. */
export function parameterSchemaOf(provider: ProviderName, operationId: string, name: string): unknown {
  const parameters = (operationOf(provider, operationId).parameters ?? []).map((p) =>
    deref<{ name: string; schema: unknown }>(specs[provider], p),
  )
  const parameter = parameters.find((p) => p.name === name)
  if (parameter === undefined) throw new Error(`${provider} ${operationId} has no parameter ${name}`)
  return parameter.schema
}

const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false })

/** Validates `value` against an OpenAPI schema of the provider's spec. */
export function validates(provider: ProviderName, schema: unknown, value: unknown): boolean {
  return ajv.validate(toJsonSchema(specs[provider], schema), value)
}

/** The inventory of one operation; throws when there is none. */
export function factsOf(provider: ProviderName, operationId: string): OperationInventory {
  const facts = inventory[provider].operations[operationId]
  if (facts === undefined) throw new Error(`The inventory has no ${provider} ${operationId}`)
  return facts
}
