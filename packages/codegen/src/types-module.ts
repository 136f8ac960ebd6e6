import { createRequire } from 'node:module'
import type { astToString as AstToString, transformSchema as TransformSchema } from 'openapi-typescript'
import type { OpenApiDocument } from './load-spec.js'

/*
 * openapi-typescript's own transform and printer, without its `openapiTS()` entry. That entry
 * lints and bundles the spec with Redocly first (the specs package lints them already, and ours
 * have only local `$ref`s, so the bundle is the document itself), and loading Redocly cost more
 * than generating. The CommonJS build, required rather than imported, also spares Node from
 * scanning the 9 MB TypeScript compiler for its named exports, as an ES import of it does: together
 * that made `pnpm generate` about four times slower. Both builds are the same code.
 */
const require = createRequire(import.meta.url)
const transformSchema: typeof TransformSchema = require('openapi-typescript/dist/transform/index.cjs')
const { astToString }: { astToString: typeof AstToString } = require('openapi-typescript/dist/lib/ts.cjs')
const { resolveRef, scanDiscriminators } = require('openapi-typescript/dist/lib/utils.cjs') as {
  resolveRef(schema: unknown, ref: string, options: { silent: boolean }): unknown
  scanDiscriminators(
    schema: unknown,
    options: object,
  ): Parameters<typeof TransformSchema>[1]['discriminators']
}

/**
 * The `paths`, `components` and `operations` types of a spec, exactly as `openapiTS(spec, { alphabetize:
 * false })` prints them: every option below is that function's default (its undefined `inject` is left out).
 */
export function typesModule(document: OpenApiDocument): string {
  // The transform reads the document only, but it is ours: give it its own copy.
  const schema = structuredClone(document) as unknown as Parameters<typeof TransformSchema>[0]
  const options = { alphabetize: false }
  const context: Parameters<typeof TransformSchema>[1] = {
    additionalProperties: false,
    alphabetize: false,
    arrayLength: false,
    defaultNonNullable: true,
    discriminators: scanDiscriminators(schema, options),
    emptyObjectsUnknown: false,
    enum: false,
    enumValues: false,
    conditionalEnums: false,
    dedupeEnums: false,
    excludeDeprecated: false,
    exportType: false,
    immutable: false,
    rootTypes: false,
    rootTypesNoSchemaPrefix: false,
    rootTypesKeepCasing: false,
    injectFooter: [],
    pathParamsAsTypes: false,
    postTransform: undefined,
    propertiesRequiredByDefault: false,
    // Read by openapiTS() itself only, never by the transform.
    redoc: undefined as never,
    silent: false,
    transform: undefined,
    transformProperty: undefined,
    makePathsEnum: false,
    generatePathParams: false,
    readWriteMarkers: false,
    resolve: (ref: string) => resolveRef(schema, ref, { silent: false }) as never,
  }
  return astToString(transformSchema(schema, context))
}
