import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadSpec, type OpenApiDocument } from './load-spec.js'
import { listOperations } from './operation.js'

const ok = { '200': { description: 'ok' } }

function document(paths: OpenApiDocument['paths']): OpenApiDocument {
  return { openapi: '3.0.3', info: { title: 't', version: '1' }, paths }
}

describe('listOperations', () => {
  it('refuses an operationId used twice: both would be one exported name', () => {
    const spec = document({
      '/a': { get: { operationId: 'read', responses: ok } },
      '/b': { get: { operationId: 'read', responses: ok } },
    })
    expect(() => listOperations(spec)).toThrow('operationId read is used twice')
  })

  it('refuses an operation without an operationId', () => {
    expect(() => listOperations(document({ '/a': { get: { responses: ok } } }))).toThrow('no operationId')
  })
})

describe('loadSpec', () => {
  it('reads OpenAPI 3.0 only', () => {
    const folder = mkdtempSync(join(tmpdir(), 'codegen-'))
    const path = join(folder, 'spec.yaml')
    writeFileSync(path, 'openapi: 3.1.0\ninfo: { title: t, version: "1" }\npaths: {}\n')
    expect(() => loadSpec(path)).toThrow('expected an OpenAPI 3.0.x document')
    writeFileSync(path, 'swagger: "2.0"\n')
    expect(() => loadSpec(path)).toThrow('expected an OpenAPI 3.0.x document')
  })
})
