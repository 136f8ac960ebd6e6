import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse } from 'yaml'

/** A parsed OpenAPI 3.0 document; the generator reads only the parts it needs. */
export type OpenApiDocument = Record<string, unknown> & {
  info: { title: string; version: string }
  servers?: { url: string }[]
  paths: Record<string, Record<string, unknown>>
  components?: { securitySchemes?: Record<string, Record<string, unknown>> }
}

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..')

export function loadSpec(path: string): { text: string; document: OpenApiDocument } {
  const text = readFileSync(path, 'utf8')
  return { text, document: parse(text) as OpenApiDocument }
}
