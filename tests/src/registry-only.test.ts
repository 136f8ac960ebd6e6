import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { builtInProviders, providerEntries, providerIds as registeredIds } from '@customer-groups/registry'
import { describe, expect, it } from 'vitest'

// Adding a provider means adding its spec, its package and one registry entry. This holds only if no
// code anywhere else lists providers: an array of ids, a union of them, an object keyed by each.

const repo = fileURLToPath(new URL('../..', import.meta.url))

/** The one place allowed to name every provider together: the registry package. */
const registryFile = 'packages/registry/src/providers.ts'

/**
 * Source files git tracks, but generated code, specs (data), prose, and examples/: those are
 * user code to copy, and an app names the providers it uses. A package's own test files may name
 * the providers whose concrete behaviour they check (a sync across Xtrakit and Shoptet expects what
 * each of them answers); the suites here in tests/ run over every registered provider instead.
 */
function sourceFiles(): string[] {
  const listed = execFileSync('git', ['ls-files', '-z'], { cwd: repo, encoding: 'utf8' }).split('\0')
  return listed.filter(
    (file) =>
      /\.(ts|mts|mjs|js|json|sh)$/.test(file) &&
      !file.includes('/generated/') &&
      file !== 'pnpm-lock.yaml' &&
      !file.startsWith('specs/') &&
      !file.startsWith('examples/') &&
      !(file.startsWith('packages/') && /\.test\.ts$/.test(file)) &&
      !file.startsWith('packages/registry/src/'),
  )
}

/** Two provider ids side by side with only punctuation, quotes, a value or `|` between: a list of providers. */
function listPattern(ids: readonly string[]): RegExp {
  const id = `(?:${ids.join('|')})`
  return new RegExp(`\\b${id}\\b['"\`]?\\s*(?::[^,;]*)?[,|]\\s*['"\`]?\\b${id}\\b`, 'i')
}

const providerIds = registeredIds()
const providers = providerEntries()

describe('the registry is the only list of providers', () => {
  it('holds at least two providers, each imported from its own package, so that a list of them can be told from a single mention', () => {
    expect(providerIds.length).toBeGreaterThanOrEqual(2)
    const registry = readFileSync(join(repo, registryFile), 'utf8')
    for (const entry of builtInProviders) expect(registry).toContain(`from '${entry.packageName}/entry'`)
  })

  it('no other source file lists providers', () => {
    const pattern = listPattern(providerIds)
    const offenders = sourceFiles().flatMap((file) =>
      readFileSync(join(repo, file), 'utf8')
        .split('\n')
        .flatMap((line, index) => (pattern.test(line) ? [`${file}:${index + 1}: ${line.trim()}`] : [])),
    )
    expect(offenders).toEqual([])
  })

  it('finds a list when there is one, so the check above can fail', () => {
    const pattern = listPattern(providerIds)
    const [first, second] = providerIds
    for (const line of [
      `const names = ['${first}', '${second}']`,
      `type Name = '${first}' | '${second}'`,
      `provideMockServers({ ${first}: './a.yaml', ${second}: './b.yaml' })`,
      `--provider ${first}|${second}`,
    ]) {
      expect(pattern.test(line), line).toBe(true)
    }
    expect(pattern.test(`${providers[0]?.displayName} and ${providers[1]?.displayName}`)).toBe(false)
  })
})
