import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join, resolve } from 'node:path'

/** Providers whose packages ship a spec this package can find by name. */
export const knownProviders = ['xtrakit', 'shoptet'] as const
export type KnownProvider = (typeof knownProviders)[number]

/**
 * Finds the spec to mock: a known provider's `openapi.yaml`, looked up from the
 * current project first (where users install the provider), or a file path.
 */
export function resolveSpec(provider: string): string {
  if ((knownProviders as readonly string[]).includes(provider)) {
    const request = `@customer-groups/${provider}/openapi.yaml`
    for (const base of [join(process.cwd(), 'package.json'), import.meta.url]) {
      try {
        return createRequire(base).resolve(request)
      } catch {
        // Not installed where this base looks; try the next.
      }
    }
    throw new Error(
      `Cannot find the ${provider} spec: install @customer-groups/${provider} in this project, or pass the spec's path as \`provider\``,
    )
  }
  const path = resolve(provider)
  if (!existsSync(path)) throw new Error(`No spec file at ${path}; pass "xtrakit", "shoptet" or a spec path`)
  return path
}
