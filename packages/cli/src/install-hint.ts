import { existsSync } from 'node:fs'
import { join, sep } from 'node:path'
import { fileURLToPath } from 'node:url'

/** This package's folder, as installed (dist/ is one level down). */
const ownFolder = fileURLToPath(new URL('..', import.meta.url))

/**
 * The command that installs `packageName` where this CLI can load it: beside
 * a global CLI (`npm install -g`, `pnpm add -g`) or in the project that has
 * it. A global install's `node_modules` lies in a folder that is no project
 * (`<prefix>/lib/node_modules`, no package.json beside it); pnpm keeps its
 * global packages in a folder named `global` under its home.
 */
export function installCommand(packageName: string, folder: string = ownFolder): string {
  const parts = folder.split(sep)
  const pnpmGlobal = parts.some((part, at) => part === 'global' && /pnpm/i.test(parts[at - 1] ?? ''))
  if (pnpmGlobal) return `pnpm add -g ${packageName}`
  // pnpm's store inside a project: <project>/node_modules/.pnpm/<name@version>/node_modules/<name>.
  if (parts.includes('.pnpm')) return `npm install ${packageName}`
  const modules = parts.lastIndexOf('node_modules')
  if (modules > 0) {
    const owner = parts.slice(0, modules).join(sep) || sep
    if (!existsSync(join(owner, 'package.json'))) return `npm install -g ${packageName}`
  }
  return `npm install ${packageName}`
}

/** Whether `error` says that `packageName` itself, not something it needs, could not be found. */
export function isMissingPackage(error: unknown, packageName: string): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown }
  return (
    code === 'ERR_MODULE_NOT_FOUND' &&
    typeof message === 'string' &&
    message.includes(`Cannot find package '${packageName}'`)
  )
}
