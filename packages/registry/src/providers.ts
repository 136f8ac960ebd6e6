import { shoptetEntry } from '@customer-groups/shoptet/entry'
import { xtrakitEntry } from '@customer-groups/xtrakit/entry'

// The one list of providers: each one's own entry, imported from its package's dependency-free
// `entry` subpath. Adding a provider: its package, a line here, and the package in package.json's
// dependencies (registry.test.ts compares the two).

/** Every published provider, in the order tools list them. */
export const builtInProviders = [xtrakitEntry, shoptetEntry] as const

/** The id of a published provider. */
export type ProviderId = (typeof builtInProviders)[number]['id']
