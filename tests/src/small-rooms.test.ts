import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { providerIds } from '@customer-groups/registry'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'

// The shared packages stay rooms a person can hold in their head, and know no provider: read with the
// TypeScript compiler, so a comment or a word inside a longer name is not mistaken for code.

const repo = fileURLToPath(new URL('../..', import.meta.url))
/** The packages every provider shares: none may grow a function past this, or name a provider. */
const sharedPackages = ['packages/runtime', 'packages/client', 'packages/cli', 'packages/testing']
const longestFunction = 150

/** The shared packages' source files git tracks, but their tests. */
function sharedSources(): string[] {
  return execFileSync('git', ['ls-files', '-z', ...sharedPackages.map((dir) => `${dir}/src`)], {
    cwd: repo,
    encoding: 'utf8',
  })
    .split('\0')
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'))
}

function parse(file: string): ts.SourceFile {
  return ts.createSourceFile(file, readFileSync(join(repo, file), 'utf8'), ts.ScriptTarget.Latest, true)
}

/** Every function with a body (declarations, methods, arrows, accessors) and how many lines it spans. */
export function functionLengths(source: ts.SourceFile): { name: string; line: number; lines: number }[] {
  const found: { name: string; line: number; lines: number }[] = []
  const visit = (node: ts.Node) => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body !== undefined) {
      const start = source.getLineAndCharacterOfPosition(node.getStart(source)).line
      const end = source.getLineAndCharacterOfPosition(node.getEnd()).line
      const named = node.name ?? (ts.isVariableDeclaration(node.parent) ? node.parent.name : undefined)
      found.push({ name: named?.getText(source) ?? '(anonymous)', line: start + 1, lines: end - start + 1 })
    }
    ts.forEachChild(node, visit)
  }
  visit(source)
  return found
}

/** Identifiers and string or template text that hold a provider id as a word of their own. */
export function providerMentions(source: ts.SourceFile, ids: readonly string[]): string[] {
  const word = new RegExp(`(?:^|[^a-z0-9])(?:${ids.join('|')})(?:$|[^a-z0-9])`, 'i')
  const camel = new RegExp(`(?:^|[a-z0-9])(?:${ids.map(capitalized).join('|')})|^(?:${ids.join('|')})[A-Z]`)
  const found: string[] = []
  const visit = (node: ts.Node) => {
    const text = ts.isIdentifier(node)
      ? node.text
      : ts.isStringLiteralLike(node) || ts.isTemplateLiteralToken(node)
        ? node.text
        : undefined
    if (text !== undefined && (word.test(text) || camel.test(text))) {
      const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1
      found.push(`${source.fileName}:${line}: ${text.slice(0, 80)}`)
    }
    ts.forEachChild(node, visit)
  }
  visit(source)
  return found
}

const capitalized = (id: string) => id.charAt(0).toUpperCase() + id.slice(1)

describe('the shared packages', () => {
  it(`have no function over ${longestFunction} lines`, () => {
    const files = sharedSources()
    expect(files.length).toBeGreaterThan(50)
    const long = files.flatMap((file) =>
      functionLengths(parse(file))
        .filter((fn) => fn.lines > longestFunction)
        .map((fn) => `${file}:${fn.line} ${fn.name}: ${fn.lines} lines`),
    )
    expect(long).toEqual([])
  })

  it('name no provider in code: not in an identifier, a string or a template', () => {
    const ids = providerIds()
    const mentions = sharedSources().flatMap((file) => providerMentions(parse(file), ids))
    expect(mentions).toEqual([])
  })

  it('the checks find what they look for, so they can fail', () => {
    const sample = ts.createSourceFile(
      'sample.ts',
      [
        '// alpha in a comment is prose, not code',
        "const headers = { 'beta-access-token': token }",
        'function createAlphaLike() {',
        ...Array.from({ length: longestFunction }, (_, index) => `  const line${index} = ${index}`),
        '}',
        "const fine = 'alphabet'",
      ].join('\n'),
      ts.ScriptTarget.Latest,
      true,
    )
    expect(functionLengths(sample).map((fn) => [fn.name, fn.lines])).toEqual([
      ['createAlphaLike', longestFunction + 2],
    ])
    // Two made-up provider ids: the check takes the ids it looks for.
    expect(providerMentions(sample, ['alpha', 'beta'])).toEqual([
      'sample.ts:2: beta-access-token',
      'sample.ts:3: createAlphaLike',
    ])
  })
})
