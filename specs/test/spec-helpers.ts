import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import {
  loadSpec,
  type OpenApiDocument,
  type ProviderName,
  providers,
  repoRoot,
  specPath,
  toJsonSchema,
} from '@customer-groups/codegen'
import { Ajv } from 'ajv'

export { type ProviderName, providers }

export const specs = Object.fromEntries(
  providers.map((provider) => [provider, loadSpec(specPath(provider)).document]),
) as Record<ProviderName, OpenApiDocument>

export interface InventoryField {
  name: string
  type: string
  nullable: boolean | null
  required: boolean | null
}

export interface ProviderInventory {
  source: string
  method: string
  path: string
  server: string
  security: { scheme: string; type: string; header: string; bearer?: boolean }[]
  parameters: { in: string; name: string; type: string; required: boolean }[]
  requestContentType: string
  request: InventoryField[]
  responses: Record<string, InventoryField[]>
}

export const inventory = JSON.parse(
  readFileSync(join(repoRoot, 'specs', 'documented-fields.json'), 'utf8'),
) as Record<ProviderName, ProviderInventory>

export const docsDir = join(repoRoot, '..', 'shared', 'docs', 'provider-docs')

type Operation = {
  parameters?: unknown[]
  requestBody: {
    required?: boolean
    content: Record<string, { schema: unknown; examples?: Record<string, { value: unknown }> }>
  }
  responses: Record<
    string,
    {
      description: string
      content?: Record<string, { schema: unknown; examples?: Record<string, { value: unknown }> }>
    } & Record<string, unknown>
  >
}

export function operationOf(provider: ProviderName): Operation {
  const { method, path } = inventory[provider]
  return specs[provider].paths[path]?.[method.toLowerCase()] as Operation
}

const ajv = new Ajv({ allErrors: true, strict: false })

/** Validates `value` against an OpenAPI schema of the provider's spec. */
export function validates(provider: ProviderName, schema: unknown, value: unknown): boolean {
  return ajv.validate(toJsonSchema(specs[provider], schema), value)
}
