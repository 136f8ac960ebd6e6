// `pnpm build` of a published package: declarations from tsc, and each entry point of its `exports` as
// one ESM file with a source map. Our own packages (and what they need, openapi-fetch) are bundled in,
// other dependencies stay imports: a module for Node to find and evaluate at start-up costs about a
// millisecond each, so a provider package imports as one file instead of dozens. Bundlers still
// tree-shake it, since every export is side-effect free. Bundled third-party code keeps its licence
// in dist/THIRD-PARTY-LICENSES.md. The dependencies stay declared: the declarations import their types.
import { execFileSync } from 'node:child_process'
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { builtinModules, createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { build } from 'esbuild'

const directory = process.cwd()
// A clean dist: files of an earlier layout must not linger in the package.
rmSync(join(directory, 'dist'), { recursive: true, force: true })
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc')
try {
  execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json', '--emitDeclarationOnly'], {
    cwd: directory,
    stdio: 'inherit',
  })
} catch {
  // tsc has printed what is wrong.
  process.exit(1)
}
const manifest = JSON.parse(readFileSync(join(directory, 'package.json'), 'utf8'))

/** `./dist/x.js` → `src/x.ts`, for every export and bin that points into dist. */
const outputs = new Set()
for (const target of Object.values(manifest.exports ?? {})) {
  const file = typeof target === 'string' ? target : target.default
  if (typeof file === 'string' && file.startsWith('./dist/') && file.endsWith('.js')) outputs.add(file)
}
for (const file of Object.values(
  typeof manifest.bin === 'string' ? { bin: manifest.bin } : (manifest.bin ?? {}),
)) {
  outputs.add(file)
}
const entryPoints = Object.fromEntries(
  [...outputs].map((file) => [
    file.slice('./dist/'.length, -'.js'.length),
    `src/${file.slice('./dist/'.length, -'.js'.length)}.ts`,
  ]),
)

/** Our own packages, and the third-party packages they need at run time, are bundled in. */
const inlined = new Map()
function inline(name, from) {
  if (inlined.has(name)) return
  const manifestPath = createRequire(from).resolve(`${name}/package.json`)
  inlined.set(name, manifestPath)
  const dependency = JSON.parse(readFileSync(manifestPath, 'utf8'))
  for (const next of Object.keys(dependency.dependencies ?? {})) inline(next, manifestPath)
}
for (const name of Object.keys(manifest.dependencies ?? {})) {
  if (name.startsWith('@customer-groups/')) inline(name, join(directory, 'package.json'))
}
const external = [
  ...Object.keys(manifest.dependencies ?? {}).filter((name) => !inlined.has(name)),
  ...Object.keys(manifest.peerDependencies ?? {}),
  ...builtinModules,
  ...builtinModules.map((name) => `node:${name}`),
]

await build({
  absWorkingDir: directory,
  entryPoints,
  outdir: 'dist',
  bundle: true,
  // Entry points that share code get it in a chunk of its own, not a copy each.
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  format: 'esm',
  platform: 'neutral',
  target: 'es2022',
  external,
  // Not minified: minifying would drop the `/* @__PURE__ */` marks an app's bundler needs to leave out
  // what the app does not import (the default instances, the operations it does not call).
  sourcemap: true,
  sourcesContent: true,
  legalComments: 'none',
  logLevel: 'warning',
})

const thirdParty = [...inlined].filter(([name]) => !name.startsWith('@customer-groups/'))
if (thirdParty.length > 0) {
  const sections = thirdParty.map(([name, manifestPath]) => {
    const folder = dirname(manifestPath)
    const file = readdirSync(folder).find((entry) => /^licen[cs]e/i.test(entry))
    const { version, license } = JSON.parse(readFileSync(manifestPath, 'utf8'))
    const text = file === undefined ? `(${license})` : readFileSync(join(folder, file), 'utf8').trim()
    return `## ${name} ${version}\n\n${text}\n`
  })
  writeFileSync(
    join(directory, 'dist', 'THIRD-PARTY-LICENSES.md'),
    `# Third-party code bundled in this package\n\n${sections.join('\n')}`,
  )
}
