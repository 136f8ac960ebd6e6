import { execFile } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { build } from 'esbuild'
import { repo } from './pack.js'

const run = promisify(execFile)

/** The programs the runtimes run, beside this folder. */
export const programs = join(repo, 'ecosystem-tests', 'smoke')

/** A new project that installs the tarballs with npm, as a user installs the packages. */
export async function installProject(folder: string, tarballs: readonly string[]): Promise<string> {
  mkdirSync(folder, { recursive: true })
  writeFileSync(
    join(folder, 'package.json'),
    JSON.stringify({ name: 'user-project', private: true, type: 'module' }),
  )
  await run(
    'npm',
    ['install', '--no-audit', '--no-fund', '--loglevel=error', '--prefer-offline', ...tarballs],
    {
      cwd: folder,
    },
  )
  return folder
}

/**
 * Our programs, each bundled alone into the project as `NAME.js`, their
 * imports of the packages left for the project to resolve as it would a user's.
 */
export async function addPrograms(project: string, entries: Record<string, string>): Promise<void> {
  await build({
    entryPoints: Object.fromEntries(
      Object.entries(entries).map(([name, file]) => [name, join(programs, file)]),
    ),
    outdir: project,
    bundle: true,
    packages: 'external',
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    logLevel: 'error',
  })
}

/** The project with every tarball installed, once the global setup has it ready. */
export async function toolsProject(work: string, timeoutMs = 170_000): Promise<string> {
  const deadline = performance.now() + timeoutMs
  while (performance.now() < deadline) {
    if (existsSync(join(work, 'tools-project.ready'))) return join(work, 'tools-project')
    const failed = join(work, 'tools-project.failed')
    if (existsSync(failed))
      throw new Error(`Installing the tarballs failed:\n${readFileSync(failed, 'utf8')}`)
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  throw new Error(`The tarballs were not installed within ${timeoutMs} ms`)
}
