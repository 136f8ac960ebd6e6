#!/usr/bin/env node
// Installs the runtimes pinned in ../runtimes/package-lock.json (Node builds, Bun, Deno, workerd through
// miniflare) with `npm ci`, which checks every tarball against the lockfile's integrity hash, into a cache
// folder named after the lockfile's hash: the suite's first run downloads them, later runs find them there.
// Run directly (`node ecosystem-tests/scripts/install-runtimes.mjs`), it prints the folder.
import { execFile } from 'node:child_process'
import { createHash } from 'node:crypto'
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { readFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'

const run = promisify(execFile)
const here = dirname(fileURLToPath(import.meta.url))
const manifests = join(here, '..', 'runtimes')
const manifestFiles = ['package.json', 'package-lock.json']
const repo = join(here, '..', '..')

/** Where installs are kept: CUSTOMER_GROUPS_RUNTIMES_DIR, else node_modules/.cache of this checkout. */
export function runtimesCacheRoot(env = process.env) {
  return env.CUSTOMER_GROUPS_RUNTIMES_DIR || join(repo, 'node_modules', '.cache', 'customer-groups-runtimes')
}

/**
 * Makes sure the pinned runtimes are installed and resolves with their folder
 * (its `node_modules` holds them). Installs into a temporary folder renamed
 * into place at the end, so an interrupted install is never taken for a
 * complete one; other versions in the cache are removed once this one is in.
 * @param {{ log?: (line: string) => void }} [options]
 * @returns {Promise<string>}
 */
export async function installRuntimes(options = {}) {
  const log = options.log ?? ((line) => console.error(line))
  const hash = createHash('sha256')
  for (const file of manifestFiles) hash.update(await readFile(join(manifests, file)))
  const key = hash.digest('hex').slice(0, 16)
  const root = runtimesCacheRoot()
  const folder = join(root, key)
  if (existsSync(join(folder, '.installed'))) return folder

  mkdirSync(root, { recursive: true })
  const temporary = mkdtempSync(join(root, `.${key}-`))
  try {
    for (const file of manifestFiles) copyFileSync(join(manifests, file), join(temporary, file))
    log(
      `Installing the ecosystem suite's runtimes into ${folder} (once: about 250 MB from the npm registry, 750 MB unpacked)`,
    )
    const started = performance.now()
    // No install scripts: the binaries ship inside the platform packages and are run from there.
    await run('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], {
      cwd: temporary,
      maxBuffer: 16 * 1024 * 1024,
    })
    writeFileSync(join(temporary, '.installed'), `${new Date().toISOString()}\n`)
    if (existsSync(folder)) rmSync(folder, { recursive: true, force: true })
    renameSync(temporary, folder)
    log(`Installed the runtimes in ${((performance.now() - started) / 1000).toFixed(1)} s`)
  } catch (error) {
    rmSync(temporary, { recursive: true, force: true })
    // Another process may have finished the same install first.
    if (existsSync(join(folder, '.installed'))) return folder
    throw error
  }
  // Older versions, and installs interrupted more than an hour ago; only folders this script made,
  // whatever else CUSTOMER_GROUPS_RUNTIMES_DIR may hold.
  for (const entry of readdirSync(root)) {
    const path = join(root, entry)
    const older = /^[0-9a-f]{16}$/.test(entry) && existsSync(join(path, '.installed'))
    const interrupted = /^\.[0-9a-f]{16}-/.test(entry) && Date.now() - statSync(path).mtimeMs > 3_600_000
    if (entry !== key && (older || interrupted)) rmSync(path, { recursive: true, force: true })
  }
  return folder
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  console.log(await installRuntimes())
}
