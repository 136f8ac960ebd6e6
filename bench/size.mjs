// Bundle size of each public entry point with its runtime dependencies (esbuild, minified, gzip),
// beside openapi-fetch alone. `pnpm size` prints it; `pnpm bench` includes it in bench/results.md.
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import { build } from 'esbuild'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const runtimeRequire = createRequire(join(root, 'packages', 'runtime', 'package.json'))

export const entries = {
  'openapi-fetch alone': runtimeRequire.resolve('openapi-fetch'),
  '@customer-groups/xtrakit': join(root, 'packages', 'xtrakit', 'dist', 'index.js'),
  '@customer-groups/shoptet': join(root, 'packages', 'shoptet', 'dist', 'index.js'),
  '@customer-groups/client (facade only)': join(root, 'packages', 'client', 'dist', 'index.js'),
}

export async function measureSizes() {
  const rows = []
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
    const code = result.outputFiles[0].contents
    rows.push({ name, minified: code.byteLength, gzip: gzipSync(code).byteLength })
  }
  return rows
}

export function sizeTable(rows) {
  const base = rows[0]
  const kb = (bytes) => `${(bytes / 1024).toFixed(1)} kB`
  const lines = ['| Bundle | Minified | Gzip | Gzip vs openapi-fetch |', '| --- | ---: | ---: | ---: |']
  for (const row of rows) {
    lines.push(
      `| ${row.name} | ${kb(row.minified)} | ${kb(row.gzip)} | ${(row.gzip / base.gzip).toFixed(2)}× |`,
    )
  }
  return lines.join('\n')
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(sizeTable(await measureSizes()))
}
