import {
  asCustomerGroupProvider,
  type CustomerGroupProvider,
  InvalidArgumentError,
  type ProviderCapabilities,
} from '@customer-groups/runtime'
import type { AnyProvider } from './types.js'

/** What every refusal of something that is not a provider says. */
export const notAProvider = "must be a provider instance, as a provider package's factory makes"

/**
 * The facade's interface of a provider instance: a provider package's client
 * is adapted once, on first use (`asCustomerGroupProvider`); a
 * `CustomerGroupProvider` is taken as it is. Anything else is refused as
 * `InvalidArgumentError` against `context`.
 */
export function providerOf(instance: unknown, context: string): CustomerGroupProvider {
  const provider = asCustomerGroupProvider(instance)
  if (provider === undefined)
    throw new InvalidArgumentError(context, [{ field: 'provider', code: 'type', message: notAProvider }])
  return provider
}

/**
 * What a provider can do, derived from its spec, without sending anything:
 * its normalized fields, its operations, whether an update replaces or
 * patches, and each operation's `providerOptions`.
 */
export function capabilitiesOf(provider: AnyProvider): ProviderCapabilities {
  return providerOf(provider, 'capabilitiesOf').capabilities
}
