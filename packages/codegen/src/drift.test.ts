import { describe, expect, it } from 'vitest'
import { generateProvider } from './generate.js'
import { generatedPackages } from './workspace.js'
import { checkProvider } from './write.js'

// Every package of the workspace that names a spec in its manifest, whichever folder it is in.
const packages = generatedPackages()

describe('generated code', () => {
  it('is made for at least the published providers', () => {
    expect(packages.length).toBeGreaterThanOrEqual(2)
  })

  it.each(packages.map((pkg) => [pkg.name, pkg.dir]))(
    'committed %s output matches what its spec generates (run `pnpm generate` if not)',
    async (_name, dir) => {
      expect(await checkProvider(dir)).toEqual([])
    },
  )

  it('emits operation facts that import only types', async () => {
    for (const { dir } of packages) {
      const module = (await generateProvider(dir)).get('src/generated/operations.ts') ?? ''
      const imports = module.split('\n').filter((line) => /^import |require\(/.test(line))
      expect(imports).toEqual([
        "import type { OperationFacts } from '@customer-groups/runtime'",
        "import type { operations } from './schema.js'",
      ])
    }
  })
})
