import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { repo } from './pack.js'

export type RuntimeId = 'node20' | 'node22' | 'node24' | 'bun' | 'deno' | 'workerd'

export interface Runtime {
  id: RuntimeId
  /** `Bun 1.4.5`: the version the suite runs, for test names and the README. */
  label: string
  /** What `runtimeName()` of @customer-groups/runtime must say there, as sent in `User-Agent`. */
  runtimeName: string
  /** The executable and its arguments before the script; `undefined` when this machine has no build of it. */
  command: { file: string; args: string[] } | undefined
}

interface Lockfile {
  packages: Record<string, { version?: string }>
}
const lock = JSON.parse(
  readFileSync(join(repo, 'ecosystem-tests', 'runtimes', 'package-lock.json'), 'utf8'),
) as Lockfile

/** The version the lockfile pins for a package of the runtimes project. */
export function pinned(name: string): string {
  const version = lock.packages[`node_modules/${name}`]?.version
  if (version === undefined) throw new Error(`ecosystem-tests/runtimes pins no ${name}`)
  return version
}

/** npm installs only the platform package that fits this machine; its binary is run directly. */
function platformBinary(modules: string, scope: string, path: string): string | undefined {
  const folder = join(modules, scope)
  if (!existsSync(folder)) return undefined
  for (const entry of readdirSync(folder)) {
    const binary = join(folder, entry, path)
    if (existsSync(binary)) return binary
  }
  return undefined
}

const existing = (path: string) => (existsSync(path) ? path : undefined)

/** Every runtime the suite runs, with the binaries installed in `runtimesDir`. */
export function runtimes(runtimesDir: string): Runtime[] {
  const modules = join(runtimesDir, 'node_modules')
  const node22 = existing(join(modules, 'node22', 'bin', 'node'))
  const node24 = existing(join(modules, 'node24', 'bin', 'node'))
  const bun = platformBinary(modules, '@oven', join('bin', 'bun'))
  const deno = platformBinary(modules, '@deno', 'deno')
  const with_ = (file: string | undefined, args: string[] = []) =>
    file === undefined ? undefined : { file, args }
  return [
    {
      id: 'node20',
      label: `Node.js ${process.versions.node}`,
      runtimeName: `node/${process.versions.node}`,
      command: with_(process.execPath),
    },
    {
      id: 'node22',
      label: `Node.js ${pinned('node22')}`,
      runtimeName: `node/${pinned('node22')}`,
      command: with_(node22),
    },
    {
      id: 'node24',
      label: `Node.js ${pinned('node24')}`,
      runtimeName: `node/${pinned('node24')}`,
      command: with_(node24),
    },
    { id: 'bun', label: `Bun ${pinned('bun')}`, runtimeName: `bun/${pinned('bun')}`, command: with_(bun) },
    {
      id: 'deno',
      label: `Deno ${pinned('deno')}`,
      runtimeName: `deno/${pinned('deno')}`,
      // Only the network: no environment, files or subprocesses, as a cautious user would run it.
      command: with_(deno, ['run', '--no-prompt', '--no-lock', '--allow-net=127.0.0.1']),
    },
    {
      id: 'workerd',
      label: `workerd ${pinned('workerd')} (miniflare ${pinned('miniflare')})`,
      runtimeName: 'workerd',
      // Miniflare needs Node 22 or newer; it starts workerd, which runs the Worker.
      command: with_(node22, [join(repo, 'ecosystem-tests', 'src', 'workerd-host.mjs'), runtimesDir]),
    },
  ]
}
