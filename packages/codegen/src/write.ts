import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { generateProvider } from './generate.js'
import { repoRoot } from './load-spec.js'

const generatedFolder = 'src/generated'

/** Writes the generated files into the provider package in `packageDir`; returns their paths. */
export async function writeProvider(packageDir: string): Promise<string[]> {
  const files = await generateProvider(packageDir)
  for (const [name, content] of files) {
    const target = join(packageDir, name)
    mkdirSync(dirname(target), { recursive: true })
    writeFileSync(target, content)
  }
  for (const stale of staleFiles(packageDir, files)) rmSync(join(packageDir, stale))
  return [...files.keys()]
}

/** Files in the generated folder that the spec no longer produces, e.g. after codegen dropped one. */
function staleFiles(packageDir: string, files: Map<string, string>): string[] {
  const folder = join(packageDir, generatedFolder)
  if (!existsSync(folder)) return []
  return readdirSync(folder)
    .map((name) => `${generatedFolder}/${name}`)
    .filter((name) => !files.has(name))
}

/** Lists the committed generated files that differ from what the spec produces now, from the repository's root. */
export async function checkProvider(packageDir: string): Promise<string[]> {
  const files = await generateProvider(packageDir)
  const where = (name: string) => relative(repoRoot, join(packageDir, name)).replaceAll('\\', '/')
  const drifted: string[] = []
  for (const [name, content] of files) {
    let committed: string | undefined
    try {
      committed = readFileSync(join(packageDir, name), 'utf8')
    } catch {
      committed = undefined
    }
    if (committed !== content) drifted.push(where(name))
  }
  for (const stale of staleFiles(packageDir, files)) drifted.push(where(stale))
  return drifted
}
