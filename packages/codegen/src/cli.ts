import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { generatedPackages, readPackage, type WorkspacePackage } from './workspace.js'
import { checkProvider, writeProvider } from './write.js'

// In a provider package's folder (its `generate` script) it generates that package from the spec its
// package.json names; anywhere else (the repository's `pnpm generate`) every package that names one, in
// this one process, so the generator and openapi-typescript load once for all of them.
const check = process.argv.includes('--check')
const here = existsSync(join(process.cwd(), 'package.json')) ? readPackage(process.cwd()) : undefined
const selected: WorkspacePackage[] = here?.spec !== undefined ? [here] : generatedPackages()
if (selected.length === 0) {
  console.error('No package of the workspace names a spec ("customer-groups": { "spec": "…" })')
  process.exitCode = 2
}

for (const { dir, name } of selected) {
  if (check) {
    const drifted = await checkProvider(dir)
    if (drifted.length > 0) {
      console.error(`Generated code is out of date; run \`pnpm generate\`:\n  ${drifted.join('\n  ')}`)
      process.exitCode = 1
    }
  } else {
    const written = await writeProvider(dir)
    console.log(`${name}: wrote ${written.join(', ')}`)
  }
}
