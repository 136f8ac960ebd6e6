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

  it("emits facts and checks that import only types, their checks and the runtime's check helpers", async () => {
    const importsOf = (module: string | undefined) =>
      (module ?? '').split('\n').filter((line) => /^import |require\(/.test(line))
    for (const provider of providers) {
      const files = await generateProvider(provider)
      expect(importsOf(files.get('src/generated/operations.ts'))).toEqual([
        "import type { OperationFacts } from '@customer-groups/runtime'",
        expect.stringMatching(/^import \{ check\w+(, check\w+)* \} from '\.\/checks\.js'$/),
        "import type { operations } from './schema.js'",
      ])
      expect(importsOf(files.get('src/generated/checks.ts'))).toEqual([
        expect.stringMatching(
          /^import \{ type ArgumentIssue(, (addIssue|anyOfIssues|codePointLength|isOwnField|isPlainObject|requiredIssues))* \} from '@customer-groups\/runtime'$/,
        ),
      ])
    }
  })
})
