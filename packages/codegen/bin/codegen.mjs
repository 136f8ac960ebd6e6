#!/usr/bin/env node
// The generator is TypeScript run straight from source, so contributors never build it first. esbuild
// bundles it into one module at each start, which costs less than a loader compiling file by file
// (with tsx, starting up was a third of `pnpm generate`); the module is written under node_modules,
// so the generator's own dependencies resolve from it, and removed when the process exits.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { build } from 'esbuild'

const here = dirname(fileURLToPath(import.meta.url))
const { outputFiles } = await build({
  entryPoints: [join(here, '..', 'src', 'cli.ts')],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // Dependencies stay imports; only our sources (codegen, and the registry's and runtime's it reads) are bundled.
  packages: 'external',
  write: false,
  logLevel: 'warning',
})
const folder = join(here, '..', 'node_modules', '.cache', 'customer-groups-codegen')
const file = join(folder, `cli-${process.pid}.mjs`)
mkdirSync(folder, { recursive: true })
writeFileSync(file, outputFiles[0].text)
// On exit rather than after the import: the file goes also when the generator exits early.
process.on('exit', () => rmSync(file, { force: true }))
await import(pathToFileURL(file).href)
