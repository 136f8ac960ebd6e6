import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, relative, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import { builtInProviders } from '@customer-groups/registry'
import { type BuildOptions, build, type Plugin } from 'esbuild'

const here = dirname(fileURLToPath(import.meta.url))

/** An app's entry: what it imports, as esbuild bundles it. */
interface Bundle {
  name: string
  contents: string
}

const anchors: Bundle[] = [
  {
    name: 'openapi-fetch alone (`createClient`)',
    contents: "export { default as createClient } from 'openapi-fetch'",
  },
  { name: 'ofetch alone', contents: "export { ofetch } from 'ofetch'" },
  // ky is bundled here, never run: it needs Node 22.
  { name: 'ky alone', contents: "export { default as ky } from 'ky'" },
  {
    name: 'openapi-fetch + ofetch',
    contents: "export { default as createClient } from 'openapi-fetch'\nexport { ofetch } from 'ofetch'",
  },
  {
    name: 'openapi-fetch + ky',
    contents: "export { default as createClient } from 'openapi-fetch'\nexport { default as ky } from 'ky'",
  },
]

function ours(): { updateOnly: Bundle[]; whole: Bundle[]; facade: Bundle[] } {
  const updateOnly = builtInProviders.map((entry) => {
    const transport = entry.transportFactory
    return {
      name: `${entry.packageName}: the update alone (\`${transport}\`, \`updateCustomerGroup\`)`,
      contents: `export { ${transport}, updateCustomerGroup } from '${entry.packageName}'`,
    }
  })
  const whole = builtInProviders.map((entry) => ({
    name: `${entry.packageName}: everything`,
    contents: `export * from '${entry.packageName}'`,
  }))
  const facade = builtInProviders.map((entry) => ({
    name: `@customer-groups/client + ${entry.id}: everything`,
    contents: `export * from '@customer-groups/client'\nexport * as ${entry.id} from '${entry.packageName}'`,
  }))
  return { updateOnly, whole, facade }
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

async function measure(bundle: Bundle): Promise<SizeRow> {
  const result = await build({ ...appBundle, stdin: { contents: bundle.contents, resolveDir: here } })
  const code = result.outputFiles[0]?.contents ?? new Uint8Array()
  return { name: bundle.name, minified: code.byteLength, gzip: gzipSync(code).byteLength }
}

export interface Sizes {
  anchors: SizeRow[]
  updateOnly: SizeRow[]
  whole: SizeRow[]
  facade: SizeRow[]
  /** What the update-only and whole-package bundles are made of: minified bytes by package and folder. */
  composition: { name: string; parts: Record<string, number> }[]
}

const packagesDir = join(here, '..', '..', 'packages')
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

/**
 * A bundle built from our sources rather than the published single files, so esbuild can say which source each byte comes from.
 */
async function composition(contents: string): Promise<Record<string, number>> {
  const fromSource: Plugin = {
    name: 'our-sources',
    setup(plugin) {
      plugin.onResolve({ filter: /^@customer-groups\// }, ({ path }) => ({ path: sourceOf(path) }))
    },
  }
  const result = await build({
    ...appBundle,
    stdin: { contents, resolveDir: here },
    metafile: true,
    plugins: [fromSource],
  })
  const parts: Record<string, number> = {}
  for (const output of Object.values(result.metafile.outputs)) {
    for (const [file, { bytesInOutput }] of Object.entries(output.inputs)) {
      const inside = relative(packagesDir, resolve(file))
      // packages/runtime/src/http/transport.ts → runtime/http; packages/xtrakit/src/x.ts → xtrakit
      const [name, , folder] = inside.split(sep)
      const key = inside.startsWith('..')
        ? (file.match(/.*node_modules\/((?:@[^/]+\/)?[^/]+)/)?.[1] ?? 'other')
        : folder?.endsWith('.ts') === false
          ? `${name}/${folder}`
          : `${name}`
      parts[key] = (parts[key] ?? 0) + bytesInOutput
    }
  }
  return parts
}

export async function measureSizes(): Promise<Sizes> {
  const { updateOnly, whole, facade } = ours()
  const all = async (bundles: Bundle[]) => Promise.all(bundles.map(measure))
  return {
    anchors: await all(anchors),
    updateOnly: await all(updateOnly),
    whole: await all(whole),
    facade: await all(facade),
    composition: await Promise.all(
      [...updateOnly, ...whole].map(async ({ name, contents }) => ({
        name,
        parts: await composition(contents),
      })),
    ),
  }
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`

/** The size table and the goals each row misses. */
export function sizeSection(sizes: Sizes): { lines: string[]; missed: string[] } {
  const anchor = (name: string) => sizes.anchors.find((row) => row.name === name)?.gzip ?? Number.NaN
  const small = anchor('openapi-fetch + ofetch')
  const large = anchor('openapi-fetch + ky')
  const missed: string[] = []
  const rows: string[] = []
  const row = (entry: SizeRow, goal: string, limit: number | undefined) => {
    const met = limit === undefined ? '' : entry.gzip <= limit ? 'met' : 'missed'
    if (met === 'missed')
      missed.push(`${entry.name}: ${kb(entry.gzip)} gzip (goal ≤ ${kb(limit ?? 0)}, ${goal})`)
    rows.push(`| ${entry.name} | ${kb(entry.minified)} | ${kb(entry.gzip)} | ${goal} | ${met} |`)
  }
  for (const entry of sizes.anchors) row(entry, 'anchor', undefined)
  for (const entry of sizes.updateOnly) row(entry, '≤ openapi-fetch + ofetch', small)
  for (const entry of sizes.whole) row(entry, '≤ openapi-fetch + ky', large)
  sizes.facade.forEach((entry, index) => {
    const alone = sizes.whole[index]?.gzip ?? Number.NaN
    row(entry, `≤ 1.3× the provider alone (${kb(alone * 1.3)})`, alone * 1.3)
  })
  const where: string[] = []
  for (const { name, parts } of sizes.composition) {
    const total = Object.values(parts).reduce((sum, bytes) => sum + bytes, 0)
    const listed = Object.entries(parts)
      .filter(([, bytes]) => bytes > 0)
      .sort(([, a], [, b]) => b - a)
      .map(([part, bytes]) => `${part} ${kb(bytes)} (${Math.round((100 * bytes) / total)} %)`)
    where.push(`- ${name}, ${kb(total)} minified: ${listed.join(', ')}.`)
  }
  return {
    lines: [
      '| Bundle (esbuild, minified, every dependency) | Minified | Gzip | Goal | |',
      '| --- | ---: | ---: | --- | --- |',
      ...rows,
      '',
      'Where the bytes come from (the same bundles built from our sources, so esbuild can tell the files apart; minified, before gzip):',
      '',
      ...where,
    ],
    missed,
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const section = sizeSection(await measureSizes())
  console.log(section.lines.join('\n'))
  if (section.missed.length > 0) console.log(`\nMissed:\n${section.missed.join('\n')}`)
}
