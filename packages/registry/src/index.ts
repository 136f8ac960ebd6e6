export type { CredentialEntry, ProviderEntry } from '@customer-groups/runtime'
export {
  findProvider,
  isProviderId,
  loadProvider,
  loadTestKit,
  providerEntries,
  providerIds,
  specPathOf,
} from './lookup.js'
export {
  type ProviderModule,
  type ProviderPlugin,
  type RegisteredProvider,
  registeredProviders,
  registerProvider,
} from './plug-ins.js'
export { builtInProviders, type ProviderId } from './providers.js'
