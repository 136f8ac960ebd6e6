import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { builtInProviders } from '@customer-groups/registry'
import { build } from 'esbuild'
import { describe, expect, inject, it } from 'vitest'

/**
 * What an app's bundle holds when it imports a part of the packages, built as a bundler builds it
 * (esbuild, minified, ESM) from the tarballs installed in a clean project. Size goals live in the
 * bench; these pin what must not come along.
 */
const { project } = inject('ecosystem')

/** A key only openapi-fetch's client sets: a minifier keeps property names. */
const openapiFetch = 'querySerializer'
/** A key only the facade's adapter writes (the capabilities it derives). */
const facadeAdapter = 'canClearDescription'

async function bundle(contents: string): Promise<{ code: string; inputs: string[] }> {
  const result = await build({
    stdin: { contents, resolveDir: project },
    absWorkingDir: project,
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    write: false,
    metafile: true,
    logLevel: 'silent',
  })
  const [output] = Object.values(result.metafile.outputs)
  return {
    code: result.outputFiles[0]?.text ?? '',
    inputs: Object.keys(output?.inputs ?? {}).map((file) => file.replaceAll('\\', '/')),
  }
}

describe.each(builtInProviders)('an app bundling $packageName', (entry) => {
  it('from its main entry ships neither openapi-fetch nor the facade adapter', async () => {
    const { code } = await bundle(`export * from '${entry.packageName}'`)
    expect(code).toContain(entry.factory)
    expect(code).not.toContain(openapiFetch)
    expect(code).not.toContain(facadeAdapter)
  })

  it('from ./api ships openapi-fetch, once', async () => {
    const { code, inputs } = await bundle(
      `export * from '${entry.packageName}'\nexport * from '${entry.packageName}/api'`,
    )
    expect(code).toContain(openapiFetch)
    expect(inputs.filter((file) => file.includes('@customer-groups/runtime/')).sort()).toEqual([
      'node_modules/@customer-groups/runtime/dist/api.js',
      'node_modules/@customer-groups/runtime/dist/errors.js',
      'node_modules/@customer-groups/runtime/dist/index.js',
    ])
  })

  it('with the facade holds one runtime, which the facade does not copy', async () => {
    const { code, inputs } = await bundle(
      `export * from '@customer-groups/client'\nexport * as provider from '${entry.packageName}'`,
    )
    expect(code).toContain(facadeAdapter)
    const runtimeFiles = inputs.filter((file) => file.includes('@customer-groups/runtime/'))
    expect(runtimeFiles.sort()).toEqual([
      'node_modules/@customer-groups/runtime/dist/errors.js',
      'node_modules/@customer-groups/runtime/dist/index.js',
    ])
    const require = createRequire(join(project, 'package.json'))
    const facade = readFileSync(require.resolve('@customer-groups/client'), 'utf8')
    const runtime = await import(require.resolve('@customer-groups/runtime'))
    const copied = Object.keys(runtime).filter((name) =>
      new RegExp(`^(?:async )?(?:function|class) ${name}\\b`, 'm').test(facade),
    )
    expect(copied).toEqual([])
  })
})
