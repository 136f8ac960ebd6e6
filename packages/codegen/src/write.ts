import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { generateProvider } from './generate.js'
import { type ProviderName, packageDir } from './load-spec.js'

export async function writeProvider(provider: ProviderName): Promise<string[]> {
  const files = await generateProvider(provider)
  for (const [relative, content] of files) {
    const target = join(packageDir(provider), relative)
    mkdirSync(dirname(target), { recursive: true })
    writeFileSync(target, content)
  }
  return [...files.keys()]
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
  return drifted
}
