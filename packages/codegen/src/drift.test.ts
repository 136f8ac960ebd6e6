import { describe, expect, it } from 'vitest'
import { generateProvider } from './generate.js'
import { providers } from './load-spec.js'
import { checkProvider } from './write.js'

describe('generated code', () => {
  it.each(providers)(
    'committed %s output matches what its spec generates (run `pnpm generate` if not)',
    async (provider) => {
      expect(await checkProvider(provider)).toEqual([])
    },
  )

  it('emits a validator with no run-time imports beyond the runtime types', async () => {
    for (const provider of providers) {
      const validator = (await generateProvider(provider)).get('src/generated/validate-request.ts') ?? ''
      const imports = validator.split('\n').filter((line) => /^import |require\(/.test(line))
      expect(imports).toEqual(["import type { RequestValidator } from '@customer-groups/runtime'"])
    }
  })
})
