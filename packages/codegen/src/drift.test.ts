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

  it('emits request schemas that import only the runtime type', async () => {
    for (const provider of providers) {
      const schema = (await generateProvider(provider)).get('src/generated/request-schema.ts') ?? ''
      const imports = schema.split('\n').filter((line) => /^import |require\(/.test(line))
      expect(imports).toEqual(["import type { JsonSchema } from '@customer-groups/runtime'"])
    }
  })
})
