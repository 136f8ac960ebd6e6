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

  it('emits operation facts that import only types', async () => {
    for (const provider of providers) {
      const module = (await generateProvider(provider)).get('src/generated/operations.ts') ?? ''
      const imports = module.split('\n').filter((line) => /^import |require\(/.test(line))
      expect(imports).toEqual([
        "import type { OperationFacts } from '@customer-groups/runtime'",
        "import type { operations } from './schema.js'",
      ])
    }
  })
})
