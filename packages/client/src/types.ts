import type {
  CallOptions,
  NormalizedCustomerGroup,
  OperationName,
  ProviderInstance,
  ProviderTypes,
  ProviderWarning,
  ResponseMetadata,
} from '@customer-groups/runtime'

/** Any provider instance, whatever its types: a provider package's client, or a `CustomerGroupProvider`. */
// biome-ignore lint/suspicious/noExplicitAny: the facade infers each provider's own types from the instance
export type AnyProvider = ProviderInstance<any>

/** The types a provider instance declares, inferred from it. */
export type TypesOf<Provider> = Provider extends { readonly '~types'?: infer Types }
  ? Exclude<Types, undefined> extends ProviderTypes
    ? Exclude<Types, undefined>
    : ProviderTypes
  : ProviderTypes

/**
 * `providerOptions` for one operation: the provider's own options under its
 * id, typed by the provider instance, so a misspelt option or provider key
 * is a type error. At run time, options for another provider are ignored
 * with a warning, and an unknown option of this provider is refused.
 */
export type ProviderOptionsFor<Provider, Operation extends OperationName> = {
  [Id in TypesOf<Provider>['id']]?: TypesOf<Provider>['options'][Operation]
}

/** What every facade call takes besides its own fields: the provider and per-call overrides. */
export interface FacadeCall<Provider extends AnyProvider, Operation extends OperationName>
  extends CallOptions {
  provider: Provider
  providerOptions?: ProviderOptionsFor<Provider, Operation> | undefined
}

interface ResultBase<Provider, Operation extends OperationName> {
  /** What was not applied as asked, and the provider's non-fatal problems. */
  warnings: ProviderWarning[]
  /** The provider's own response body. */
  raw: TypesOf<Provider>['raw'][Operation]
  response: ResponseMetadata<TypesOf<Provider>['facts']>
}

/** The answer of an operation about one group. */
export interface GroupResult<Provider, Operation extends OperationName>
  extends ResultBase<Provider, Operation> {
  group: NormalizedCustomerGroup<TypesOf<Provider>>
}

export interface ListResult<Provider> extends ResultBase<Provider, 'list'> {
  groups: NormalizedCustomerGroup<TypesOf<Provider>>[]
}

export interface DeleteResult<Provider> extends ResultBase<Provider, 'delete'> {
  /** The id of the group deleted. */
  id: string
}

/** Options of any provider by provider id, for code that does not know its providers' types. */
export type ProviderOptions = Record<string, Record<string, unknown>>

/** What `updateCustomerGroup` resolves with. */
export type UpdateCustomerGroupResult<Provider = AnyProvider> = GroupResult<Provider, 'update'>
