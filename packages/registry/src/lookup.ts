import type { ProviderEntry, ProviderTestKit } from '@customer-groups/runtime'
import { type ProviderModule, type RegisteredProvider, registeredProviders } from './plug-ins.js'

/** Every provider's entry: the published ones, then any plug-in. */
export function providerEntries(): readonly ProviderEntry[] {
  return registeredProviders().map((provider) => provider.entry)
}

/** The ids of every provider, e.g. for a usage line or a choice of values. */
export function providerIds(): readonly string[] {
  return registeredProviders().map((provider) => provider.entry.id)
}

export function isProviderId(value: unknown): value is string {
  return typeof value === 'string' && providerIds().includes(value)
}

/** The entry of a provider id, or `undefined` for an id no provider has. */
export function findProvider(id: string): ProviderEntry | undefined {
  return registered(id)?.entry
}

function registered(id: string): RegisteredProvider | undefined {
  return registeredProviders().find((provider) => provider.entry.id === id)
}

function known(id: string): RegisteredProvider {
  const provider = registered(id)
  if (provider === undefined)
    throw new Error(`No provider ${id}; expected one of ${providerIds().join(', ')}`)
  return provider
}

/** Loads a provider's package: a missing one fails here, naming it. */
export async function loadProvider(id: string): Promise<ProviderModule> {
  const provider = known(id)
  try {
    return await provider.load()
  } catch (error) {
    throw new Error(`Cannot load ${provider.entry.packageName} for provider ${id}`, { cause: error })
  }
}

/** Loads a provider's test kit (`<package>/testing`): its stateful model, fixtures and error envelope. */
export function loadTestKit(id: string): Promise<ProviderTestKit> {
  return known(id).loadTestKit()
}

/** The path of the spec a provider's package ships. */
export function specPathOf(id: string): string {
  return known(id).specPath()
}
