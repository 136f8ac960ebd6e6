import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join, resolve } from 'node:path'
import { findProvider, providerIds } from '@customer-groups/registry'

/**
 * Finds the spec to mock: a registered provider's `openapi.yaml`, looked up
 * from the current project first (where users install the provider), or a file path.
 */
export function resolveSpec(provider: string): string {
  const entry = findProvider(provider)
  if (entry !== undefined) {
    const request = `${entry.packageName}/openapi.yaml`
    for (const base of [join(process.cwd(), 'package.json'), import.meta.url]) {
      try {
        return createRequire(base).resolve(request)
      } catch {
        // Not installed where this base looks; try the next.
      }
    }
    throw new Error(
      `Cannot find the ${provider} spec: install ${entry.packageName} in this project, or pass the spec's path as \`provider\``,
    )
  }
  const path = resolve(provider)
  if (!existsSync(path)) {
    throw new Error(`No spec file at ${path}; pass one of ${providerIds.join(', ')}, or a spec path`)
  }
  return path
}
