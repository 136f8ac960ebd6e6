// Every published package's `prepack`: packing refuses a package whose entry points are not
// built (`bin`, `main`, `types`, `exports`), so no tarball ships a `bin` or an export that
// points at nothing. It checks, it does not build: `pnpm build` (turbo) builds, in order.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

const folder = process.cwd()
const manifest = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8'))

/** Every file path a field of package.json points at (patterns with `*` are left out). */
function targets(value) {
  if (typeof value === 'string') return value.includes('*') ? [] : [value]
  if (value === null || typeof value !== 'object') return []
  return Object.values(value).flatMap(targets)
}

const entryPoints = [
  ...new Set(
    [manifest.bin, manifest.main, manifest.types, manifest.exports]
      .flatMap(targets)
      .map((path) => path.replace(/^\.\//, '')),
  ),
]
const missing = entryPoints.filter((path) => !existsSync(join(folder, path)))
if (missing.length > 0) {
  console.error(
    `${manifest.name}: not packed: ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} missing. Build first: pnpm build (at the repository's root)`,
  )
  process.exit(1)
}
