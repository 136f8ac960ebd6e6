import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { parse } from 'yaml'
import { repoRoot } from './load-spec.js'

/** A package of the workspace: its folder and its manifest. */
export interface WorkspacePackage {
  dir: string
  name: string
  /** The hand-written spec its code is generated from (the manifest's `customer-groups.spec`, absolute). */
  spec: string | undefined
}

/** A package's manifest field that names the spec codegen generates it from, relative to the package. */
export const specField = 'customer-groups'

/** The package in `dir`, with the spec its manifest names. */
export function readPackage(dir: string): WorkspacePackage {
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
    name: string
    [specField]?: { spec?: string }
  }
  const spec = manifest[specField]?.spec
  return { dir, name: manifest.name, spec: spec === undefined ? undefined : resolve(dir, spec) }
}

/** Every package of the workspace, from pnpm-workspace.yaml's folders (`dir` and `dir/*`). */
export function workspacePackages(): WorkspacePackage[] {
  const { packages = [] } = parse(readFileSync(join(repoRoot, 'pnpm-workspace.yaml'), 'utf8')) as {
    packages?: string[]
  }
  const folders = packages.flatMap((pattern) => {
    if (!pattern.endsWith('/*')) return [join(repoRoot, pattern)]
    const parent = join(repoRoot, pattern.slice(0, -2))
    if (!existsSync(parent)) return []
    return readdirSync(parent, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => join(parent, entry.name))
  })
  return folders.filter((dir) => existsSync(join(dir, 'package.json'))).map(readPackage)
}

/** The packages whose code is generated from a spec: every provider, whichever folder it lives in. */
export function generatedPackages(): (WorkspacePackage & { spec: string })[] {
  return workspacePackages().filter(
    (pkg): pkg is WorkspacePackage & { spec: string } => pkg.spec !== undefined,
  )
}
