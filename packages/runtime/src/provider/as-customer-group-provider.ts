import type { CustomerGroupProvider, ProviderTypes } from './customer-group-provider.js'
import { defineProvider } from './define-provider.js'
import type { ProviderDefinition } from './provider-operations.js'

/** The facade's interface of each client, built once, on first use. */
const adapted = new WeakMap<object, CustomerGroupProvider>()

/**
 * The facade's interface (`CustomerGroupProvider`) of a provider instance:
 * the instance itself when it implements it, else the interface built (once
 * per instance) from the description a provider package's client carries.
 * `undefined` for anything else. The facade and the CLI call this; a
 * provider package's client does not, so an app that uses the client alone
 * does not ship `defineProvider`.
 */
export function asCustomerGroupProvider<Types extends ProviderTypes = ProviderTypes>(
  instance: unknown,
): CustomerGroupProvider<Types> | undefined {
  if (typeof instance !== 'object' || instance === null) return undefined
  // Whatever implements the interface is taken as it is, even one built on a client's prototype.
  const { capabilities } = instance as { capabilities?: unknown }
  if (typeof capabilities === 'object' && capabilities !== null)
    return instance as CustomerGroupProvider<Types>
  const known = adapted.get(instance)
  if (known !== undefined) return known as CustomerGroupProvider<Types>
  const description = (instance as { '~provider'?: unknown })['~provider']
  if (!isDefinition(description)) return undefined
  const provider = defineProvider(description as ProviderDefinition<Types>)
  adapted.set(instance, provider as CustomerGroupProvider)
  return provider
}

/** Whether a value has the parts `defineProvider` reads: anything else is not a provider's description. */
function isDefinition(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false
  const { transport, operations, fields, normalizeGroup } = value as Record<string, unknown>
  return (
    typeof transport === 'object' &&
    transport !== null &&
    typeof (transport as { providerId?: unknown }).providerId === 'string' &&
    typeof operations === 'object' &&
    operations !== null &&
    typeof fields === 'object' &&
    fields !== null &&
    typeof normalizeGroup === 'function'
  )
}
