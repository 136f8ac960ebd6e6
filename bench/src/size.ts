import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import { build } from 'esbuild'

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..')

/** What an app ships: openapi-fetch used the usual way, and each of our packages' main entry. */
const entries: Record<string, { contents: string } | { path: string }> = {
  'openapi-fetch alone (`createClient`)': {
    contents: "import createClient from 'openapi-fetch'\nexport { createClient }\n",
  },
  '@customer-groups/xtrakit': { path: join(root, 'packages', 'xtrakit', 'dist', 'index.js') },
  '@customer-groups/shoptet': { path: join(root, 'packages', 'shoptet', 'dist', 'index.js') },
  '@customer-groups/client (facade, no provider)': {
    path: join(root, 'packages', 'client', 'dist', 'index.js'),
  },
}

export interface SizeRow {
  name: string
  minified: number
  gzip: number
  /** Minified bytes by where they come from: openapi-fetch, the runtime, the package itself. */
  parts: Record<Part, number>
}

type Part = 'openapi-fetch' | 'runtime' | 'package'

function partOf(input: string): Part {
  if (input.includes('openapi-fetch')) return 'openapi-fetch'
  if (input.includes('packages/runtime/')) return 'runtime'
  return 'package'
}

export async function measureSizes(): Promise<SizeRow[]> {
  const rows: SizeRow[] = []
  for (const [name, entry] of Object.entries(entries)) {
    const result = await build({
      ...('path' in entry
        ? { entryPoints: [entry.path] }
        : { stdin: { contents: entry.contents, resolveDir: dirname(fileURLToPath(import.meta.url)) } }),
      bundle: true,
      minify: true,
      format: 'esm',
      platform: 'neutral',
      write: false,
      metafile: true,
      logLevel: 'silent',
    })
    const code = result.outputFiles[0]?.contents ?? new Uint8Array()
    const parts: Record<Part, number> = { 'openapi-fetch': 0, runtime: 0, package: 0 }
    for (const output of Object.values(result.metafile.outputs)) {
      for (const [input, { bytesInOutput }] of Object.entries(output.inputs))
        parts[partOf(input)] += bytesInOutput
    }
    rows.push({ name, minified: code.byteLength, gzip: gzipSync(code).byteLength, parts })
  }
  return rows
}

export function sizeTable(rows: SizeRow[]): string {
  const base = rows[0]?.gzip ?? 1
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`
  return [
    '| Bundle (esbuild, minified, all dependencies) | Minified | Gzip | Gzip vs openapi-fetch | Minified: openapi-fetch / runtime / package |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...rows.map(
      (row) =>
        `| ${row.name} | ${kb(row.minified)} | ${kb(row.gzip)} | ${(row.gzip / base).toFixed(2)}× | ${kb(row.parts['openapi-fetch'])} / ${kb(row.parts.runtime)} / ${kb(row.parts.package)} |`,
    ),
  ].join('\n')
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(sizeTable(await measureSizes()))
}
