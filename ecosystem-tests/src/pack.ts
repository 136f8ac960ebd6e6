import { execFile } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'

const run = promisify(execFile)

/** The repository's root folder. */
export const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..')

/** Every package we publish, by its folder under `packages/`. */
export const publicPackages = [
  'registry',
  'runtime',
  'xtrakit',
  'shoptet',
  'client',
  'cli',
  'testing',
] as const
export type PublicPackage = (typeof publicPackages)[number]

/**
 * Packs built packages with `pnpm pack`, as they are published (`workspace:`
 * ranges become versions, only `files` go in), into `destination`; resolves
 * with each tarball's path. Shared by every suite that installs the tarballs.
 */
export async function packPackages<Name extends PublicPackage>(
  names: readonly Name[],
  destination: string,
): Promise<Record<Name, string>> {
  const packed = await Promise.all(
    names.map(async (name) => {
      const folder = join(repo, 'packages', name)
      const { version } = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as {
        version: string
      }
      await run('pnpm', ['pack', '--pack-destination', destination], { cwd: folder })
      const tarball = join(destination, `customer-groups-${name}-${version}.tgz`)
      if (!existsSync(tarball)) throw new Error(`pnpm pack made no ${tarball}`)
      return [name, tarball] as const
    }),
  )
  return Object.fromEntries(packed) as Record<Name, string>
}
