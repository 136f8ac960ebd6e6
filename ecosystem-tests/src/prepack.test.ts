import { execFile } from 'node:child_process'
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { publicPackages, repo } from './pack.js'

const work = mkdtempSync(join(tmpdir(), 'cg-prepack-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))

function pnpmPack(cwd: string, destination: string) {
  return new Promise<{ code: number | null; output: string }>((resolve) => {
    execFile('pnpm', ['pack', '--pack-destination', destination], { cwd }, (error, stdout, stderr) =>
      resolve({
        code: error === null ? 0 : ((error as { code?: number }).code ?? null),
        output: stdout + stderr,
      }),
    )
  })
}

function tarList(tarball: string) {
  return new Promise<string[]>((resolve, reject) => {
    execFile('tar', ['-tzf', tarball], (error, stdout) =>
      error === null ? resolve(stdout.trim().split('\n')) : reject(error),
    )
  })
}

describe('packing a published package', () => {
  it.each(publicPackages)('%s checks its entry points before it is packed', (name) => {
    const manifest = JSON.parse(readFileSync(join(repo, 'packages', name, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>
    }
    expect(manifest.scripts.prepack).toBe('node ../../scripts/prepack.mjs')
  })

  it('is refused before a build, and packs dist/ after it', async () => {
    // A copy of the package as a fresh clone has it (no dist/), beside the repository's scripts. The
    // runtime, the one published package that depends on none of ours: a copy outside the workspace packs.
    const root = join(work, 'clone')
    const folder = join(root, 'packages', 'runtime')
    mkdirSync(folder, { recursive: true })
    cpSync(join(repo, 'scripts'), join(root, 'scripts'), { recursive: true })
    for (const entry of readdirSync(join(repo, 'packages', 'runtime')))
      if (!['dist', 'node_modules', '.turbo'].includes(entry))
        cpSync(join(repo, 'packages', 'runtime', entry), join(folder, entry), { recursive: true })
    // Its test helpers (a dev dependency in the workspace) are not packed; outside it they could not be named.
    const manifestPath = join(folder, 'package.json')
    const { devDependencies: _, ...manifest } = JSON.parse(readFileSync(manifestPath, 'utf8'))
    writeFileSync(manifestPath, JSON.stringify(manifest))
    const tarballs = join(work, 'tarballs')
    mkdirSync(tarballs)

    const unbuilt = await pnpmPack(folder, tarballs)
    expect(unbuilt.code).not.toBe(0)
    expect(unbuilt.output).toContain(
      '@customer-groups/runtime: not packed: dist/index.d.ts, dist/index.js, dist/errors.d.ts, dist/errors.js, dist/api.d.ts, dist/api.js are missing. Build first',
    )
    expect(readdirSync(tarballs)).toEqual([])

    cpSync(join(repo, 'packages', 'runtime', 'dist'), join(folder, 'dist'), { recursive: true })
    const built = await pnpmPack(folder, tarballs)
    expect(built.code, built.output).toBe(0)
    const [tarball] = readdirSync(tarballs)
    expect(tarball).toBeDefined()
    expect(existsSync(join(tarballs, tarball as string))).toBe(true)
    expect(await tarList(join(tarballs, tarball as string))).toEqual(
      expect.arrayContaining(['package/dist/index.js', 'package/dist/index.d.ts', 'package/package.json']),
    )
  })
})
