import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join, resolve } from 'node:path'
import { findProvider, providerIds, specPathOf } from '@customer-groups/registry'

/**
 * Finds the spec to mock: a registered provider's `openapi.yaml`, looked up
 * from the current project first (where users install the provider, maybe in
 * another version), else the one the registry finds; or a file path.
 */
export function resolveSpec(provider: string): string {
  const entry = findProvider(provider)
  if (entry !== undefined) {
    try {
      return createRequire(join(process.cwd(), 'package.json')).resolve(`${entry.packageName}/openapi.yaml`)
    } catch {
      // Not installed in this project: the registry's own dependency, or a plug-in's spec.
    }
    return specPathOf(provider)
  }
  const path = resolve(provider)
  if (!existsSync(path)) {
    throw new Error(`No spec file at ${path}; pass one of ${providerIds().join(', ')}, or a spec path`)
  }
  return path
}
