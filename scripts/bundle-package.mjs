// `pnpm build` of a published package: declarations from tsc, and each entry point of its `exports` as
// one ESM file with a source map. The package's third-party dependencies (the runtime's openapi-fetch)
// are bundled in: a module for Node to find and evaluate at start-up costs about a millisecond each.
// Our other packages are not: they stay imports of the installed package, so an app with the facade and
// a provider loads one runtime, not a copy in each. An entry point with classes that another one imports
// (the runtime's errors) stays one module that the other imports, so its classes exist once. Bundlers
// still tree-shake every file, since every export is side-effect free. Bundled third-party code keeps
// its licence in dist/THIRD-PARTY-LICENSES.md.
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs'
import { builtinModules, createRequire } from 'node:module'
import { dirname, join, relative, resolve } from 'node:path'
import { build } from 'esbuild'

const directory = process.cwd()
// A clean dist: files of an earlier layout must not linger in the package.
rmSync(join(directory, 'dist'), { recursive: true, force: true })
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc')
try {
  // Declarations only, without a type check: `pnpm typecheck` checks the whole repository in one program,
  // and checking each package again here cost a second a package on the builds' critical path.
  execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json', '--emitDeclarationOnly', '--noCheck'], {
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

/** The package's third-party dependencies, and what they need at run time, are bundled in. */
const inlined = new Map()
/** A dependency's package.json as Node would find it from `from`, whether or not its `exports` list it. */
function manifestOf(name, from) {
  for (let folder = dirname(from); ; folder = dirname(folder)) {
    const candidate = join(folder, 'node_modules', name, 'package.json')
    if (existsSync(candidate)) return realpathSync(candidate)
    if (dirname(folder) === folder) throw new Error(`Cannot find ${name}, needed by ${from}`)
  }
}
function inline(name, from) {
  if (inlined.has(name)) return
  const manifestPath = manifestOf(name, from)
  inlined.set(name, manifestPath)
  const dependency = JSON.parse(readFileSync(manifestPath, 'utf8'))
  for (const next of Object.keys(dependency.dependencies ?? {})) inline(next, manifestPath)
}
const ours = (name) => name.startsWith('@customer-groups/')
/**
 * A dependency the sources only load on demand (`import('name')`, e.g. the CLI's proxy agent) stays a
 * dependency: bundled in, its code would be read at every start for the few runs that use it.
 */
function sourcesOf(folder) {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name)
    if (entry.isDirectory()) return sourcesOf(path)
    return /\.ts$/.test(entry.name) && !/\.test\.ts$/.test(entry.name) ? [readFileSync(path, 'utf8')] : []
  })
}
const sourceText = sourcesOf(join(directory, 'src')).join('\n')
const onDemand = (name) =>
  sourceText.includes(`import('${name}')`) && !new RegExp(`from '${name}(/[^']*)?'`).test(sourceText)
for (const name of Object.keys(manifest.dependencies ?? {})) {
  if (!ours(name) && !onDemand(name)) inline(name, join(directory, 'package.json'))
}
const external = [
  ...Object.keys(manifest.dependencies ?? {}).filter((name) => ours(name) || onDemand(name)),
  ...Object.keys(manifest.peerDependencies ?? {}),
  // Any subpath of our packages, e.g. `@customer-groups/runtime/errors`.
  '@customer-groups/*',
  ...builtinModules,
  ...builtinModules.map((name) => `node:${name}`),
]

/**
 * An entry point that declares classes (the runtime's errors) stays one module that the others
 * import: a copy of a class is another class. One that holds data and functions alone (a provider's
 * entry) is copied into the entry points that import it: one module fewer to load. An entry point
 * loaded on demand (`import()`) stays its own module, loaded when asked for.
 */
const sources = new Map(
  Object.entries(entryPoints).map(([output, source]) => [resolve(directory, source), output]),
)
const withClasses = new Set(
  Object.values(entryPoints)
    .map((source) => resolve(directory, source))
    .filter((source) => /^export class /m.test(readFileSync(source, 'utf8'))),
)
const siblings = (ownOutput) => ({
  name: 'sibling-entry-points',
  setup(plugin) {
    plugin.onResolve({ filter: /^\.\.?\// }, ({ path, resolveDir, kind }) => {
      const source = resolve(resolveDir, path.replace(/\.js$/, '.ts'))
      const output = sources.get(source)
      if (output === undefined || output === ownOutput) return undefined
      if (kind !== 'dynamic-import' && !withClasses.has(source)) return undefined
      const from = dirname(join('dist', ownOutput))
      const target = relative(from, join('dist', `${output}.js`)).replaceAll('\\', '/')
      return { path: target.startsWith('.') ? target : `./${target}`, external: true }
    })
  },
})

// A package with a `bin` is a program for Node (the CLI): its dependencies, CommonJS ones among them,
// are bundled as Node resolves them, and their `require` of Node's modules gets a `require` to call.
// Every other package stays platform-neutral: it runs in Deno, Bun, workerd and browsers too.
const forNode = manifest.bin !== undefined
const nodeSettings = forNode
  ? {
      platform: 'node',
      banner: {
        js: "import { createRequire as __customerGroupsRequire } from 'node:module'\nconst require = __customerGroupsRequire(import.meta.url)",
      },
    }
  : { platform: 'neutral' }

// One build per entry point: each output is a single file, with no chunk shared between them.
await Promise.all(
  Object.entries(entryPoints).map(([output, source]) =>
    build({
      absWorkingDir: directory,
      entryPoints: { [output]: source },
      outdir: 'dist',
      bundle: true,
      format: 'esm',
      ...nodeSettings,
      target: 'es2022',
      external,
      plugins: [siblings(output)],
      // Not minified: minifying would drop the `/* @__PURE__ */` marks an app's bundler needs to leave out
      // what the app does not import (the default instances, the operations it does not call).
      sourcemap: true,
      sourcesContent: true,
      legalComments: 'none',
      logLevel: 'warning',
    }),
  ),
)

const thirdParty = [...inlined]
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
