import type { ArgumentIssue } from '../errors.js'
import type { CallOptions } from '../http/client-settings.js'
import type { ResponseMetadata } from '../http/request.js'
import type { JsonSchema } from '../validation/json-schema.js'

/** The fields every provider maps to its own names. */
export type NormalizedField = 'name' | 'description'

/** The operations of the normalized interface. */
export type OperationName = 'list' | 'get' | 'create' | 'update' | 'delete'

/** The provider options of one operation: their names, and the spec's schema of each. */
export interface OptionCapabilities {
  /** Names accepted under `providerOptions.<providerId>` for this operation. */
  readonly providerOptions: readonly string[]
  /** Each option's schema, from the spec: what values it takes. */
  readonly optionSchemas: Readonly<Record<string, JsonSchema>>
}

/** What each operation a provider offers does; a missing key is an operation it does not offer. */
export interface OperationCapabilities {
  readonly list?: OptionCapabilities
  /** `endpoint`: the API has one; `list`: the group is found in the list. */
  readonly get?: OptionCapabilities & { readonly via: 'endpoint' | 'list' }
  readonly create?: OptionCapabilities & { readonly requiredFields: readonly NormalizedField[] }
  readonly update?: OptionCapabilities & {
    /** `replace`: every call sends the whole group (PUT); `patch`: only what is given changes (PATCH). */
    readonly mode: 'replace' | 'patch'
    /** Fields that must be given on every call. */
    readonly requiredFields: readonly NormalizedField[]
    /** Whether `description: null` clears the description. */
    readonly canClearDescription: boolean
  }
  readonly delete?: OptionCapabilities
}

/** What a provider can do, derived from its spec, so callers can decide without calling it. */
export interface ProviderCapabilities {
  /** Normalized fields the provider stores. */
  readonly fields: readonly NormalizedField[]
  readonly operations: OperationCapabilities
}

/** The types a provider's normalized results carry, so the facade can infer them from the instance. */
export interface ProviderTypes {
  readonly id: string
  /** What `providerOptions.<id>` may hold, per operation. */
  readonly options: Record<OperationName, object>
  /** What `providerMetadata.<id>` of a group holds. */
  readonly metadata: object
  /** The provider's own response body, per operation. */
  readonly raw: Record<OperationName, unknown>
  /** Facts the provider reads from response headers (`response.provider`). */
  readonly facts: object
}

/** A customer group in one shape whatever the provider. */
export interface NormalizedCustomerGroup<Types extends ProviderTypes = ProviderTypes> {
  /** Always a string, whatever the provider's own type: Shoptet's numbers become their decimal text. */
  id: string
  name: string
  description: string | null
  createdAt?: string
  updatedAt?: string
  provider: Types['id']
  /** Provider-only fields of the group, under the provider's id. */
  providerMetadata?: { [Id in Types['id']]?: Types['metadata'] }
}

/** Something the caller asked for that was not applied as asked, or a provider's non-fatal problem. */
export interface ProviderWarning {
  type: 'unsupported-option' | 'unsupported-field' | 'provider-error' | 'other'
  /** The input or response field it is about, when there is one. */
  field?: string
  message: string
}

/** A normalized request as the facade hands it to a provider. */
export interface ProviderRequest extends CallOptions {
  /** This provider's own options (`providerOptions[providerId]`), checked by the provider against its spec. */
  options: Record<string, unknown>
}
export interface ProviderGroupRequest extends ProviderRequest {
  id: string
}
export interface ProviderCreateRequest extends ProviderRequest {
  name: string
  description?: string | null
}
export interface ProviderUpdateRequest extends ProviderGroupRequest {
  name?: string
  description?: string | null
}

/** What every normalized operation answers with besides its groups. */
export interface ProviderResultBase<Types extends ProviderTypes, Operation extends OperationName> {
  warnings: ProviderWarning[]
  /** The provider's own response body. */
  raw: Types['raw'][Operation]
  response: ResponseMetadata<Types['facts']>
}
export interface ProviderGroupResult<Types extends ProviderTypes, Operation extends OperationName>
  extends ProviderResultBase<Types, Operation> {
  group: NormalizedCustomerGroup<Types>
}
export interface ProviderListResult<Types extends ProviderTypes> extends ProviderResultBase<Types, 'list'> {
  groups: NormalizedCustomerGroup<Types>[]
}
export interface ProviderDeleteResult<Types extends ProviderTypes>
  extends ProviderResultBase<Types, 'delete'> {
  id: string
}

/** The normalized request each operation takes. */
export interface ProviderRequests {
  list: ProviderRequest
  get: ProviderGroupRequest
  create: ProviderCreateRequest
  update: ProviderUpdateRequest
  delete: ProviderGroupRequest
}

/**
 * What a provider package implements for the facade. A third-party provider
 * that implements it works with `@customer-groups/client` unchanged. An
 * operation the provider lacks is left out, and its capabilities say so.
 */
export interface CustomerGroupProvider<Types extends ProviderTypes = ProviderTypes> {
  readonly providerId: Types['id']
  readonly capabilities: ProviderCapabilities
  /** Type only: lets the facade infer this provider's options, metadata and raw bodies. */
  readonly '~types'?: Types
  doListCustomerGroups?(request: ProviderRequest): Promise<ProviderListResult<Types>>
  doGetCustomerGroup?(request: ProviderGroupRequest): Promise<ProviderGroupResult<Types, 'get'>>
  doCreateCustomerGroup?(request: ProviderCreateRequest): Promise<ProviderGroupResult<Types, 'create'>>
  doUpdateCustomerGroup?(request: ProviderUpdateRequest): Promise<ProviderGroupResult<Types, 'update'>>
  doDeleteCustomerGroup?(request: ProviderGroupRequest): Promise<ProviderDeleteResult<Types>>
  /**
   * Which shop this instance reaches now: 32 hex digits made from the
   * provider id, the base URL and a keyed digest of the credential, safe to
   * store where anyone may read it (never the credential, nor anything that
   * can stand in for it). A saved plan records it, and is applied only where
   * it matches. Throws, as a request would, when the credential is missing.
   */
  shopFingerprint?(): Promise<string>
  /** The issues an operation would throw for, found without sending anything. */
  checkCustomerGroupRequest?<Operation extends OperationName>(
    operation: Operation,
    request: ProviderRequests[Operation],
  ): ArgumentIssue[]
}

/** A provider type whose methods `Methods` are certainly there: what a package that implements them returns. */
export type ProviderWith<
  Types extends ProviderTypes,
  Methods extends keyof CustomerGroupProvider<Types>,
> = Omit<CustomerGroupProvider<Types>, Methods> & Required<Pick<CustomerGroupProvider<Types>, Methods>>
