import type { CustomerGroupProvider, ProviderTypes } from './customer-group-provider.js'
import type { ProviderDefinition } from './provider-operations.js'

/**
 * A provider package's client as the facade takes it: its id, its types and
 * the description the facade's interface is built from (`~provider`, read by
 * `asCustomerGroupProvider` on the facade's first use). The client does not
 * carry that interface itself, so an app that uses the client alone does not
 * ship the facade's adapter.
 */
export interface DescribedProvider<Types extends ProviderTypes = ProviderTypes> {
  readonly providerId: Types['id']
  /** Type only: lets the facade infer this provider's options, metadata and raw bodies. */
  readonly '~types'?: Types
  /** Its operations' roles in the facade, its normalized shape and its pipeline. */
  readonly '~provider': ProviderDefinition<Types>
}

/** What the facade takes as a provider: a provider package's client, or anything that implements `CustomerGroupProvider`. */
export type ProviderInstance<Types extends ProviderTypes = ProviderTypes> =
  | CustomerGroupProvider<Types>
  | DescribedProvider<Types>
