// Where the provider docs are: a folder beside the repository (our working material, which a clone
// does not have), or the one CUSTOMER_GROUPS_PROVIDER_DOCS names. Plain JavaScript, so that
// `pnpm test` (scripts/test.mjs) reads the same place as the specs' tests without a compiler.
import { join } from 'node:path'

/**
 * @param {string} repoRoot the repository's root folder
 * @returns {string} the folder of the provider docs, which may not exist
 */
export function providerDocsDir(repoRoot) {
  return process.env.CUSTOMER_GROUPS_PROVIDER_DOCS ?? join(repoRoot, '..', 'shared', 'docs', 'provider-docs')
}
