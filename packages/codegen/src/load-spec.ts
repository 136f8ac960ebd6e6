import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse } from 'yaml'

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

export function loadSpec(path: string): { text: string; document: OpenApiDocument } {
  const text = readFileSync(path, 'utf8')
  const document = parse(text) as OpenApiDocument
  // The generator reads OpenAPI 3.0 (nullable, no JSON Schema 2020 keywords); a 3.1 spec would be misread.
  if (typeof document?.openapi !== 'string' || !/^3\.0\.\d+$/.test(document.openapi))
    throw new Error(`${path}: expected an OpenAPI 3.0.x document, got openapi: ${String(document?.openapi)}`)
  return { text, document }
}
