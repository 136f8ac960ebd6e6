import type { Transport } from '../http/transport.js'
import type { Operation } from '../operation/define-operation.js'
import type {
  NormalizedCustomerGroup,
  NormalizedField,
  ProviderTypes,
  ProviderWarning,
} from './customer-group-provider.js'

// biome-ignore lint/suspicious/noExplicitAny: an operation of any parameters; each one checks its own
export type AnyOperation = Operation<any, any>

/** How the facade's operations map to the provider's own, and where each answer holds its groups. */
export interface ProviderOperations {
  list?: {
    operation: AnyOperation
    groups(data: unknown): unknown[]
    /**
     * Why an answer does not hold the whole list (e.g. it says there are more
     * pages), or `undefined` when it does. A list taken as whole when it is
     * not would make a plan create groups that exist: such an answer is an
     * `InvalidResponseError` instead.
     */
    incomplete?(data: unknown): string | undefined
  }
  get?: { operation: AnyOperation; group(data: unknown): unknown }
  /** `params` are the provider's own parameters the call was sent with. */
  create?: { operation: AnyOperation; group(data: unknown, params: Record<string, unknown>): unknown }
  update?: { operation: AnyOperation; group(data: unknown, params: Record<string, unknown>): unknown }
  delete?: { operation: AnyOperation }
}

/** The provider's field for each normalized field it stores, e.g. `{ name: 'group_name' }`. */
export type NormalizedFields = Readonly<Partial<Record<NormalizedField, string>>>

/** What a provider says about its normalized shape, besides its pipeline. */
export interface NormalizedShape<Types extends ProviderTypes = ProviderTypes> {
  fields: NormalizedFields
  operations: ProviderOperations
  /** A provider group in the normalized shape; `undefined` when it is not a group at all. */
  normalizeGroup(group: unknown): NormalizedCustomerGroup<Types> | undefined
  /** The provider's id parameter for a normalized (string) id; the spec checks the result. */
  toId?(id: string): unknown
  /** Non-fatal problems a success body reports beside its data. */
  warningsOf?(data: unknown): ProviderWarning[]
}

export interface ProviderDefinition<Types extends ProviderTypes> extends NormalizedShape<Types> {
  transport: Transport<object, Types['facts']>
}
