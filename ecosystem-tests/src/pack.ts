import { execFile } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'

const run = promisify(execFile)

/** The repository's root folder. */
export const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..')

/** Every package we publish, by its folder under `packages/`: each one not marked private. */
export const publicPackages: readonly string[] = readdirSync(join(repo, 'packages')).filter(
  (folder) =>
    (
      JSON.parse(readFileSync(join(repo, 'packages', folder, 'package.json'), 'utf8')) as {
        private?: boolean
      }
    ).private !== true,
)

/**
 * Packs built packages with `pnpm pack`, as they are published (`workspace:`
 * ranges become versions, only `files` go in), into `destination`; resolves
 * with each tarball's path. Shared by every suite that installs the tarballs.
 */
export async function packPackages(
  names: readonly string[],
  destination: string,
): Promise<Record<string, string>> {
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
  return Object.fromEntries(packed)
}
