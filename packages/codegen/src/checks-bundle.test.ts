import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { build } from 'esbuild'
import { describe, expect, it } from 'vitest'
import { loadSpec } from './load-spec.js'
import { listOperations } from './operation.js'
import { generatedPackages } from './workspace.js'

/** Each check function of a checks module, with the check functions it calls. */
function callGraph(module: string): Map<string, string[]> {
  const graph = new Map<string, string[]>()
  const parts = module.split(/^(?:export )?function (\w+)\(/m)
  for (let index = 1; index < parts.length; index += 2) {
    const body = parts[index + 1] ?? ''
    const calls = [...body.matchAll(/\b(check\w+)\(/g)].map(([, name]) => name as string)
    graph.set(parts[index] as string, calls)
  }
  return graph
}

/** The functions `roots` reach through the graph, themselves included. */
function reached(graph: Map<string, string[]>, roots: string[]): Set<string> {
  const found = new Set<string>()
  const visit = (name: string) => {
    if (found.has(name)) return
    found.add(name)
    for (const callee of graph.get(name) ?? []) visit(callee)
  }
  for (const root of roots) visit(root)
  return found
}

describe("an app's bundle of one operation", () => {
  it.each(generatedPackages().map((pkg) => [pkg.name, pkg.dir, pkg.spec]))(
    '%s: holds exactly the checks that operation reaches, none of the others',
    async (_name, dir, spec) => {
      const source = join(dir, 'src/generated/operations.ts')
      const graph = callGraph(await readFile(join(dir, 'src/generated/checks.ts'), 'utf8'))
      const operations = listOperations(loadSpec(spec).document)
      expect(operations.length).toBeGreaterThanOrEqual(2)
      for (const { operationId } of operations) {
        const result = await build({
          stdin: { contents: `export { ${operationId} } from ${JSON.stringify(source)}`, resolveDir: dir },
          bundle: true,
          format: 'esm',
          write: false,
          logLevel: 'silent',
          external: ['@customer-groups/runtime'],
        })
        const bundled = result.outputFiles[0]?.text ?? ''
        const present = new Set([...bundled.matchAll(/^function (check\w+)\(/gm)].map(([, name]) => name))
        // Only this operation's facts, and so only its request's and answers' checks as entries.
        expect([...bundled.matchAll(/"operationId": "(\w+)"/g)].map(([, id]) => id)).toEqual([operationId])
        const entries = [...bundled.matchAll(/"~check": (check\w+)/g)].map(([, name]) => name as string)
        expect(entries.length, operationId).toBeGreaterThan(1)
        expect(present, operationId).toEqual(reached(graph, entries))
      }
    },
    30_000,
  )
})
