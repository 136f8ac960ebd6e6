import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { checkPackage, createPackageFromTarballData } from '@arethetypeswrong/core'
import { publint } from 'publint'
import { formatMessage } from 'publint/utils'
import { describe, expect, inject, it } from 'vitest'
import { repo } from './pack.js'

/**
 * What a registry shows users about each published tarball, on the tarballs the global setup
 * packed: publint (strict: warnings fail too) and are-the-types-wrong, for ESM-only packages
 * (CommonJS `require` of ESM is typed from TypeScript 5.8, and `node10` resolution cannot read
 * `exports`). One process checks every package, instead of packing each once more.
 */
const { tarballs } = inject('ecosystem')

/** Resolutions an ESM-only package cannot serve, as attw's `esm-only` profile ignores them. */
const ignoredResolutions = new Set(['node10', 'node16-cjs'])

/** Exports that are not modules (a spec file, the manifest): attw checks only what code imports. */
function dataEntrypoints(folder: string): string[] {
  const manifest = JSON.parse(readFileSync(join(repo, 'packages', folder, 'package.json'), 'utf8')) as {
    exports?: Record<string, unknown>
  }
  return Object.entries(manifest.exports ?? {})
    .filter(([, target]) => typeof target === 'string' && !/\.(?:[cm]?js|json)$/.test(target))
    .map(([subpath]) => subpath)
}

describe.each(Object.entries(tarballs))('the published tarball of %s', (folder, tarball) => {
  const bytes = readFileSync(tarball)

  it('passes publint, strictly', async () => {
    const data = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)
    const { messages, pkg } = await publint({ pack: { tarball: data }, strict: true })
    const problems = messages
      .filter((message) => message.type !== 'suggestion')
      .map((message) => formatMessage(message, pkg, { color: false }))
    expect(problems).toEqual([])
  })

  it('has types that resolve as its code does (are-the-types-wrong)', async () => {
    const analysis = await checkPackage(createPackageFromTarballData(new Uint8Array(bytes)), {
      excludeEntrypoints: dataEntrypoints(folder),
    })
    expect(analysis.types, 'the package ships types').not.toBe(false)
    const problems = analysis.types
      ? analysis.problems.filter(
          (problem) => !('resolutionKind' in problem) || !ignoredResolutions.has(problem.resolutionKind),
        )
      : []
    expect(problems).toEqual([])
  })
})
