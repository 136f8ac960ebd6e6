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

  it("emits facts and checks that import only types, their checks and the runtime's check helpers", async () => {
    const importsOf = (module: string | undefined) =>
      (module ?? '').split('\n').filter((line) => /^import |require\(/.test(line))
    for (const { dir } of packages) {
      const files = await generateProvider(dir)
      expect(importsOf(files.get('src/generated/operations.ts'))).toEqual([
        "import type { OperationFacts } from '@customer-groups/runtime'",
        expect.stringMatching(/^import \{ check\w+(, check\w+)* \} from '\.\/checks\.js'$/),
        "import type { operations } from './schema.js'",
      ])
      expect(importsOf(files.get('src/generated/checks.ts'))).toEqual([
        expect.stringMatching(
          /^import \{ type ArgumentIssue(, (addIssue|anyOfIssues|codePointLength|fieldAt|isJsonObject|isOwnField|isPlainObject|requiredIssues))* \} from '@customer-groups\/runtime'$/,
        ),
      ])
    }
  })
})
