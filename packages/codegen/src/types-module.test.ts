import openapiTS, { astToString } from 'openapi-typescript'
import { describe, expect, it } from 'vitest'
import { loadSpec, providers, specPath } from './load-spec.js'
import { typesModule } from './types-module.js'

describe('typesModule', () => {
  // It calls openapi-typescript's transform directly, to skip the Redocly pass: this keeps the two equal
  // when openapi-typescript is upgraded.
  it.each(providers)(
    'prints what openapiTS() prints for the %s spec',
    async (provider) => {
      const { text, document } = loadSpec(specPath(provider))
      const expected = astToString(await openapiTS(text, { alphabetize: false, silent: true }))
      expect(typesModule(document)).toBe(expected)
    },
    30_000,
  )
})
