import { execFile } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'

// `pnpm run docs` takes tens of seconds, too long for `pnpm test`: these check what makes it right.
const repo = join(import.meta.dirname, '..', '..')
/** Every package we publish, by its folder: each one not marked private. */
const publicPackages = readdirSync(join(repo, 'packages')).filter(
  (folder) =>
    (
      JSON.parse(readFileSync(join(repo, 'packages', folder, 'package.json'), 'utf8')) as {
        private?: boolean
      }
    ).private !== true,
)
const config = (await import(join(repo, 'typedoc.config.mjs'))).default as {
  entryPoints: string[]
  entryPointStrategy: string
  packageOptions: { entryPoints: string[] }
  validation: Record<string, boolean>
  treatValidationWarningsAsErrors: boolean
}
const typedoc = join(repo, 'node_modules', 'typedoc', 'bin', 'typedoc')
const work = mkdtempSync(join(tmpdir(), 'cg-api-docs-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))

function typedocIn(cwd: string, args: string[]) {
  return new Promise<{ code: number | null; output: string }>((resolve) => {
    execFile(process.execPath, [typedoc, ...args], { cwd }, (error, stdout, stderr) =>
      resolve({
        code: error === null ? 0 : ((error as { code?: number }).code ?? null),
        output: stdout + stderr,
      }),
    )
  })
}

describe('the API reference', () => {
  it('covers every published package, from its .d.ts', () => {
    expect(config.entryPointStrategy).toBe('packages')
    expect([...config.entryPoints].sort()).toEqual(publicPackages.map((name) => `packages/${name}`).sort())
    expect(config.packageOptions.entryPoints).toEqual(['dist/index.d.ts'])
  })

  it('fails the build on an export without documentation, with the options it is built with', async () => {
    const fixture = join(work, 'fixture')
    mkdirSync(fixture)
    writeFileSync(
      join(fixture, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { strict: true }, include: ['*.d.ts'] }),
    )
    const options = [
      '--name',
      'fixture',
      '--validation.notDocumented',
      String(config.validation.notDocumented),
      '--treatValidationWarningsAsErrors',
      String(config.treatValidationWarningsAsErrors),
      '--entryPoints',
      'index.d.ts',
      '--out',
      join(work, 'out'),
    ]
    writeFileSync(
      join(fixture, 'index.d.ts'),
      '/** Documented. */\nexport declare function told(): void\nexport declare function untold(): void\n',
    )
    const undocumented = await typedocIn(fixture, options)
    expect(undocumented.code).not.toBe(0)
    expect(undocumented.output).toMatch(
      / untold \(\w+\), defined in \S*index\.d\.ts, does not have any documentation/,
    )
    expect(undocumented.output).not.toMatch(/ told \(\w+\), defined in/)
    writeFileSync(join(fixture, 'index.d.ts'), '/** Documented. */\nexport declare function told(): void\n')
    expect((await typedocIn(fixture, options)).code).toBe(0)
  }, 180_000) // Two TypeDoc runs: seconds each on a quiet machine, a minute or more when both cores are busy.
})
