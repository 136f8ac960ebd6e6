import openapiTS, { astToString } from 'openapi-typescript'
import { describe, expect, it } from 'vitest'
import { loadSpec } from './load-spec.js'
import { typesModule } from './types-module.js'
import { generatedPackages } from './workspace.js'

describe('typesModule', () => {
  // It calls openapi-typescript's transform directly, to skip the Redocly pass: this keeps the two equal
  // when openapi-typescript is upgraded.
  it.each(generatedPackages().map((pkg) => [pkg.name, pkg.spec]))(
    'prints what openapiTS() prints for the spec of %s',
    async (_name, spec) => {
      const { text, document } = loadSpec(spec)
      const expected = astToString(await openapiTS(text, { alphabetize: false, silent: true }))
      expect(typesModule(document)).toBe(expected)
    },
    30_000,
  )
})
