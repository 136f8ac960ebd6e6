export { findProvider, isProviderId, providerIds } from './lookup.js'
export type { CredentialEntry, ProviderEntry } from './provider-entry.js'
export { type ProviderId, providers, shoptet, xtrakit } from './providers.js'
