import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, relative, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import { builtInProviders, type ProviderId } from '@customer-groups/registry'
import { type BuildOptions, build, type Plugin } from 'esbuild'
import { type AssemblyName, writeAssemblies } from './assemblies.js'

const here = dirname(fileURLToPath(import.meta.url))

/** Size goals, each a ratio to what this run measured. */
export const sizeGoals = {
  /** Our update alone against the smallest same-feature assembly's update alone. */
  updateOnly: 0.75,
  /** Our whole package against the smallest assembly's whole client. */
  whole: 0.85,
  /** The facade with one provider against that provider alone. */
  facade: 1.25,
}

/** An app's entry: what it imports, as esbuild bundles it. */
interface Bundle {
  name: string
  contents?: string
  /** An entry file instead of contents. */
  entry?: string
}

/** For reference: the libraries the assemblies are made of, alone. */
const libraries: Bundle[] = [
  { name: 'openapi-fetch alone (`createClient`)', contents: "export { default } from 'openapi-fetch'" },
  { name: 'ky alone', contents: "export { default } from 'ky'" },
  {
    name: 'openapi-fetch + ky',
    contents: "export { default } from 'openapi-fetch'\nexport { default as ky } from 'ky'",
  },
]

function ours(provider: ProviderId): { updateOnly: Bundle; whole: Bundle; facade: Bundle } {
  const entry = builtInProviders.find((candidate) => candidate.id === provider)
  if (entry === undefined) throw new Error(`${provider} is not registered`)
  const transport = entry.transportFactory
  return {
    updateOnly: {
      name: `${entry.packageName}: the update alone (\`${transport}\`, \`updateCustomerGroup\`)`,
      contents: `export { ${transport}, updateCustomerGroup } from '${entry.packageName}'`,
    },
    whole: { name: `${entry.packageName}: everything`, contents: `export * from '${entry.packageName}'` },
    facade: {
      name: `@customer-groups/client + ${provider}: everything`,
      contents: `export * from '@customer-groups/client'\nexport * as ${provider} from '${entry.packageName}'`,
    },
  }
}

export interface SizeRow {
  name: string
  minified: number
  gzip: number
}

/** How an app's bundler would build it: everything bundled, minified, ESM. */
const appBundle = {
  bundle: true,
  minify: true,
  format: 'esm',
  platform: 'neutral',
  mainFields: ['module', 'main'],
  write: false,
  logLevel: 'silent',
} as const satisfies BuildOptions

function options(bundle: Bundle): BuildOptions {
  return bundle.entry === undefined
    ? { ...appBundle, stdin: { contents: bundle.contents ?? '', resolveDir: here } }
    : { ...appBundle, entryPoints: [bundle.entry] }
}

async function measure(bundle: Bundle): Promise<SizeRow> {
  const result = await build(options(bundle))
  const code = result.outputFiles?.[0]?.contents ?? new Uint8Array()
  return { name: bundle.name, minified: code.byteLength, gzip: gzipSync(code).byteLength }
}

export interface AssemblyRow {
  name: AssemblyName
  updateOnly: SizeRow
  whole: SizeRow
}

export interface ProviderSizes {
  provider: ProviderId
  assemblies: AssemblyRow[]
  updateOnly: SizeRow
  whole: SizeRow
  /** As published: the client's dist carries its own copy of the runtime. */
  facade: SizeRow
  /** The same bundle built from our sources, where the runtime is one module set: what one shipped runtime gives. */
  facadeOneRuntime: SizeRow
  /** Minified bytes by package and folder. */
  composition: {
    updateOnly: Record<string, number>
    whole: Record<string, number>
    smallestUpdate: Record<string, number>
    smallestWhole: Record<string, number>
    /** The facade with the provider, from sources (one runtime copy). */
    facade: Record<string, number>
  }
}

export interface Sizes {
  libraries: SizeRow[]
  providers: ProviderSizes[]
}

const packagesDir = join(here, '..', '..', 'packages')
const assembliesDir = join(here, '..', '.assemblies')
const require = createRequire(import.meta.url)

/**
 * The source file behind an import of one of our packages: the file its `exports` name for that
 * subpath, in dist, mapped back to src as bundle-package.mjs maps src to dist.
 */
function sourceOf(specifier: string): string {
  const [scope = '', name = '', ...rest] = specifier.split('/')
  const manifestPath = require.resolve(`${scope}/${name}/package.json`)
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as {
    exports: Record<string, string | { default: string }>
  }
  const target = manifest.exports[rest.length === 0 ? '.' : `./${rest.join('/')}`]
  const file = typeof target === 'string' ? target : target?.default
  if (file === undefined || !file.startsWith('./dist/')) throw new Error(`${specifier} is not exported`)
  return join(dirname(manifestPath), 'src', `${file.slice('./dist/'.length, -'.js'.length)}.ts`)
}

/** Resolves `@customer-groups/*` to our sources rather than the published single files. */
const fromSource: Plugin = {
  name: 'our-sources',
  setup(plugin) {
    plugin.onResolve({ filter: /^@customer-groups\// }, ({ path }) => ({ path: sourceOf(path) }))
  },
}

/**
 * Which source each minified byte comes from: runtime/http for packages/runtime/src/http/…, a
 * package name for a dependency, "generated validators" and "hand-written client and errors" for
 * an assembly's own files. Our bundles are built from our sources, so esbuild can tell the files apart.
 */
async function composition(bundle: Bundle): Promise<Record<string, number>> {
  const result = await build({ ...options(bundle), metafile: true, plugins: [fromSource] })
  const parts: Record<string, number> = {}
  for (const output of Object.values(result.metafile.outputs)) {
    for (const [file, { bytesInOutput }] of Object.entries(output.inputs)) {
      const absolute = resolve(file)
      const inside = relative(packagesDir, absolute)
      const [name, , folder] = inside.split(sep)
      const module = file.match(/.*node_modules\/((?:@[^/]+\/)?[^/]+)/)?.[1]
      const key =
        module !== undefined
          ? module
          : absolute.startsWith(assembliesDir)
            ? 'generated validators and SDK'
            : inside.startsWith('..')
              ? 'hand-written client and errors'
              : folder?.endsWith('.ts') === false
                ? `${name}/${folder}`
                : `${name}`
      parts[key] = (parts[key] ?? 0) + bytesInOutput
    }
  }
  return parts
}

const smallest = (rows: SizeRow[]) => rows.reduce((least, row) => (row.gzip < least.gzip ? row : least))

export async function measureSizes(): Promise<Sizes> {
  const result: Sizes = { libraries: await Promise.all(libraries.map(measure)), providers: [] }
  for (const provider of builtInProviders.map((entry) => entry.id)) {
    const assemblies: AssemblyRow[] = []
    const entries = await writeAssemblies(provider)
    for (const assembly of entries) {
      assemblies.push({
        name: assembly.name,
        updateOnly: await measure({ name: `${assembly.name}: the update`, entry: assembly.updateOnly }),
        whole: await measure({ name: `${assembly.name}: every operation`, entry: assembly.whole }),
      })
    }
    const bundles = ours(provider)
    const leastUpdate = smallest(assemblies.map((row) => row.updateOnly))
    const leastWhole = smallest(assemblies.map((row) => row.whole))
    const entryOf = (row: SizeRow, kind: 'updateOnly' | 'whole') =>
      entries.find((assembly) => row.name.startsWith(assembly.name))?.[kind] as string
    result.providers.push({
      provider,
      assemblies,
      updateOnly: await measure(bundles.updateOnly),
      whole: await measure(bundles.whole),
      facade: await measure(bundles.facade),
      facadeOneRuntime: await measureFromSource(bundles.facade),
      composition: {
        updateOnly: await composition(bundles.updateOnly),
        whole: await composition(bundles.whole),
        smallestUpdate: await composition({
          name: leastUpdate.name,
          entry: entryOf(leastUpdate, 'updateOnly'),
        }),
        smallestWhole: await composition({ name: leastWhole.name, entry: entryOf(leastWhole, 'whole') }),
        facade: await composition(bundles.facade),
      },
    })
  }
  return result
}

async function measureFromSource(bundle: Bundle): Promise<SizeRow> {
  const result = await build({ ...options(bundle), plugins: [fromSource] })
  const code = result.outputFiles?.[0]?.contents ?? new Uint8Array()
  return { name: bundle.name, minified: code.byteLength, gzip: gzipSync(code).byteLength }
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`

/** The parts of a composition, largest first, as `name 1.2 kB`. */
export function listParts(parts: Record<string, number>, count = Number.POSITIVE_INFINITY): string {
  return Object.entries(parts)
    .filter(([, bytes]) => bytes > 0)
    .sort(([, a], [, b]) => b - a)
    .slice(0, count)
    .map(([part, bytes]) => `${part} ${kb(bytes)}`)
    .join(', ')
}

/** The size tables and the goals each row misses. */
export function sizeSection(sizes: Sizes): { lines: string[]; missed: string[] } {
  const missed: string[] = []
  const lines: string[] = [
    'Every bundle: esbuild, minified, ESM, every dependency included, then gzip. The assemblies are what a user builds for the same features (retries honouring Retry-After, a timeout per attempt, hooks, request and response validation, typed errors) from our own spec: openapi-fetch with ky as its fetch, validators generated from the same JSON schemas our checks come from, hand-written error classes; or the hey-api SDK generated from the spec (its ky client and valibot validators). None of them redacts secrets, limits concurrency, caps body reads, refuses redirects, checks credentials and header values or keeps an attempt trail.',
    '',
    '| Library alone, for reference | Minified | Gzip |',
    '| --- | ---: | ---: |',
    ...sizes.libraries.map((row) => `| ${row.name} | ${kb(row.minified)} | ${kb(row.gzip)} |`),
    '',
  ]
  for (const entry of sizes.providers) {
    const leastUpdate = smallest(entry.assemblies.map((row) => row.updateOnly))
    const leastWhole = smallest(entry.assemblies.map((row) => row.whole))
    const goal = (row: SizeRow, base: SizeRow, ratio: number, text: string) => {
      const limit = base.gzip * ratio
      const met = row.gzip <= limit
      if (!met)
        missed.push(
          `${row.name}: ${kb(row.gzip)} gzip, ${(row.gzip / base.gzip).toFixed(2)}× (goal ≤ ${ratio}×, ${kb(limit)}, ${text})`,
        )
      return `| **${row.name}** | ${kb(row.minified)} | ${kb(row.gzip)} | ${(row.gzip / base.gzip).toFixed(2)}× | ≤ ${ratio}× ${text} (${kb(limit)}) | ${met ? 'met' : 'missed'} |`
    }
    lines.push(
      `### ${entry.provider}`,
      '',
      '| Bundle | Minified | Gzip | Ratio | Goal | |',
      '| --- | ---: | ---: | ---: | --- | --- |',
      ...entry.assemblies.flatMap((row) => [
        `| ${row.updateOnly.name} | ${kb(row.updateOnly.minified)} | ${kb(row.updateOnly.gzip)} | | anchor | |`,
        `| ${row.whole.name} | ${kb(row.whole.minified)} | ${kb(row.whole.gzip)} | | anchor | |`,
      ]),
      goal(entry.updateOnly, leastUpdate, sizeGoals.updateOnly, "the smallest assembly's update"),
      goal(entry.whole, leastWhole, sizeGoals.whole, "the smallest assembly's whole"),
      goal(entry.facade, entry.whole, sizeGoals.facade, 'the provider alone'),
      `| ${entry.facade.name}, built from sources (one runtime copy) | ${kb(entry.facadeOneRuntime.minified)} | ${kb(entry.facadeOneRuntime.gzip)} | ${(entry.facadeOneRuntime.gzip / entry.whole.gzip).toFixed(2)}× | for reference | |`,
      '',
      'Where the bytes come from, minified, before gzip:',
      '',
      `- ${entry.updateOnly.name}: ${listParts(entry.composition.updateOnly)}.`,
      `- ${entry.whole.name}: ${listParts(entry.composition.whole)}.`,
      `- ${leastUpdate.name} (the smallest update): ${listParts(entry.composition.smallestUpdate)}.`,
      `- ${leastWhole.name} (the smallest whole): ${listParts(entry.composition.smallestWhole)}.`,
      '',
    )
  }
  return { lines, missed }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const section = sizeSection(await measureSizes())
  console.log(section.lines.join('\n'))
  if (section.missed.length > 0) console.log(`\nMissed:\n${section.missed.join('\n')}`)
}
