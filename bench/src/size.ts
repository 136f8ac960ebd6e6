import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import { build } from 'esbuild'

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const benchRequire = createRequire(import.meta.url)

/** Entry points whose bundles (with every runtime dependency) users ship. */
const entries: Record<string, string> = {
  'openapi-fetch alone': benchRequire.resolve('openapi-fetch'),
  '@customer-groups/xtrakit': join(root, 'packages', 'xtrakit', 'dist', 'index.js'),
  '@customer-groups/shoptet': join(root, 'packages', 'shoptet', 'dist', 'index.js'),
  '@customer-groups/client (facade, no provider)': join(root, 'packages', 'client', 'dist', 'index.js'),
}

export interface SizeRow {
  name: string
  minified: number
  gzip: number
}

export async function measureSizes(): Promise<SizeRow[]> {
  const rows: SizeRow[] = []
  for (const [name, entry] of Object.entries(entries)) {
    const result = await build({
      entryPoints: [entry],
      bundle: true,
      minify: true,
      format: 'esm',
      platform: 'neutral',
      write: false,
      logLevel: 'silent',
    })
    const code = result.outputFiles[0]?.contents ?? new Uint8Array()
    rows.push({ name, minified: code.byteLength, gzip: gzipSync(code).byteLength })
  }
  return rows
}

export function sizeTable(rows: SizeRow[]): string {
  const base = rows[0]?.gzip ?? 1
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`
  return [
    '| Bundle (esbuild, minified, all dependencies) | Minified | Gzip | Gzip vs openapi-fetch |',
    '| --- | ---: | ---: | ---: |',
    ...rows.map(
      (row) => `| ${row.name} | ${kb(row.minified)} | ${kb(row.gzip)} | ${(row.gzip / base).toFixed(2)}× |`,
    ),
  ].join('\n')
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(sizeTable(await measureSizes()))
}
