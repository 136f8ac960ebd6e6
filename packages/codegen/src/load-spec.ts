import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse } from 'yaml'
// The registry's source, not its build: generating needs nothing built first.
import { type ProviderId, providers as registry } from '../../registry/src/index.js'

/** A parsed OpenAPI 3.0 document; the generator reads only the parts it needs. */
export type OpenApiDocument = Record<string, unknown> & {
  openapi: string
  info: { title: string; version: string }
  servers?: { url: string }[]
  paths: Record<string, Record<string, unknown>>
  components?: { securitySchemes?: Record<string, Record<string, unknown>> }
}

/** The workspace's root: the nearest folder up with pnpm-workspace.yaml, wherever this module runs from. */
export const repoRoot = findUp(dirname(fileURLToPath(import.meta.url)))

function findUp(folder: string): string {
  if (existsSync(join(folder, 'pnpm-workspace.yaml'))) return folder
  const parent = dirname(folder)
  if (parent === folder)
    throw new Error('No pnpm-workspace.yaml above the generator: run it inside the repository')
  return findUp(parent)
}

/** Provider ids, from the registry: the one list of providers. */
export const providers: readonly ProviderId[] = registry.map((entry) => entry.id)
export type ProviderName = ProviderId

export function providerEntry(provider: ProviderName): (typeof registry)[number] {
  const entry = registry.find((candidate) => candidate.id === provider)
  if (entry === undefined) throw new Error(`No provider ${provider} in @customer-groups/registry`)
  return entry
}

export function specPath(provider: ProviderName): string {
  return join(repoRoot, 'specs', providerEntry(provider).specFile)
}

/** The workspace folder of the provider's package, found by the package name the registry gives. */
export function packageDir(provider: ProviderName): string {
  const { packageName } = providerEntry(provider)
  const packages = join(repoRoot, 'packages')
  for (const folder of readdirSync(packages)) {
    try {
      const manifest = JSON.parse(readFileSync(join(packages, folder, 'package.json'), 'utf8'))
      if (manifest.name === packageName) return join(packages, folder)
    } catch {
      // Not a package folder.
    }
  }
  throw new Error(`No workspace package is named ${packageName}`)
}

export function loadSpec(path: string): { text: string; document: OpenApiDocument } {
  const text = readFileSync(path, 'utf8')
  const document = parse(text) as OpenApiDocument
  // The generator reads OpenAPI 3.0 (nullable, no JSON Schema 2020 keywords); a 3.1 spec would be misread.
  if (typeof document?.openapi !== 'string' || !/^3\.0\.\d+$/.test(document.openapi))
    throw new Error(`${path}: expected an OpenAPI 3.0.x document, got openapi: ${String(document?.openapi)}`)
  return { text, document }
}
