import type { ProviderEntry } from './provider-entry.js'
import { type ProviderId, providers } from './providers.js'

/** The ids of every provider, e.g. for a usage line or a choice of values. */
export const providerIds: readonly ProviderId[] = providers.map((entry) => entry.id)

export function isProviderId(value: unknown): value is ProviderId {
  return typeof value === 'string' && (providerIds as readonly string[]).includes(value)
}

/** The entry of a provider id, or `undefined` for an id no package implements. */
export function findProvider(id: string): (typeof providers)[number] | undefined {
  return providers.find((entry: ProviderEntry) => entry.id === id)
}
