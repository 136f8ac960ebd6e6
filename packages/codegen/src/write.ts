import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { generateProvider } from './generate.js'
import { type ProviderName, packageDir } from './load-spec.js'

const generatedFolder = 'src/generated'

export async function writeProvider(provider: ProviderName): Promise<string[]> {
  const files = await generateProvider(provider)
  for (const [relative, content] of files) {
    const target = join(packageDir(provider), relative)
    mkdirSync(dirname(target), { recursive: true })
    writeFileSync(target, content)
  }
  for (const stale of staleFiles(provider, files)) rmSync(join(packageDir(provider), stale))
  return [...files.keys()]
}

/** Files in the generated folder that the spec no longer produces, e.g. after codegen dropped one. */
function staleFiles(provider: ProviderName, files: Map<string, string>): string[] {
  const folder = join(packageDir(provider), generatedFolder)
  if (!existsSync(folder)) return []
  return readdirSync(folder)
    .map((name) => `${generatedFolder}/${name}`)
    .filter((relative) => !files.has(relative))
}

/** Lists the committed generated files that differ from what the spec produces now. */
export async function checkProvider(provider: ProviderName): Promise<string[]> {
  const files = await generateProvider(provider)
  const drifted: string[] = []
  for (const [relative, content] of files) {
    let committed: string | undefined
    try {
      committed = readFileSync(join(packageDir(provider), relative), 'utf8')
    } catch {
      committed = undefined
    }
    if (committed !== content) drifted.push(`packages/${provider}/${relative}`)
  }
  for (const stale of staleFiles(provider, files)) drifted.push(`packages/${provider}/${stale}`)
  return drifted
}
