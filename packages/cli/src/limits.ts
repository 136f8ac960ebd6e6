import type { SharedLimit } from '@customer-groups/client'
import { limitsOf, type ProviderName } from './providers.js'

/**
 * The registry's limits a shop's requests count against besides its own
 * concurrency: the provider's limit per credential (shops with one token
 * share it) and per source IP (every shop of the provider shares it).
 */
export function registryLimits(
  provider: ProviderName,
  credentialId: string | undefined,
  shop: string,
): SharedLimit[] {
  const { perCredential, perSourceIp } = limitsOf(provider)
  const limits: SharedLimit[] = []
  if (perCredential !== undefined)
    limits.push({ name: `${provider} credential ${credentialId ?? shop}`, max: perCredential })
  if (perSourceIp !== undefined) limits.push({ name: `${provider} (all accounts)`, max: perSourceIp })
  return limits
}
