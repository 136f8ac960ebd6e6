import type { ArgumentIssue } from '../errors/invalid-argument-error.js'
import type { CallOptions, ResponseMetadata } from '../http/create-http-client.js'

/** The fields every provider maps to its own names. */
export type NormalizedField = 'name' | 'description'

/** What a provider can do, stated so the facade and users can decide without calling it. */
export interface ProviderCapabilities {
  /** Normalized fields the provider stores. */
  readonly fields: readonly NormalizedField[]
  /** `replace`: every call sends the whole group; `patch`: only what is given changes. */
  readonly updateMode: 'replace' | 'patch'
  /** Fields that must be given on every call. */
  readonly requiredFields: readonly NormalizedField[]
  /** Whether `description: null` clears the description. */
  readonly canClearDescription: boolean
  /** Names accepted under `providerOptions.<providerId>`. */
  readonly providerOptions: readonly string[]
}

/** A customer group in one shape whatever the provider. */
export interface NormalizedCustomerGroup {
  id: string
  name: string
  description: string | null
  createdAt?: string
  updatedAt?: string
  provider: string
  /** Provider-only fields of the group, under the provider's id. */
  providerMetadata?: Record<string, Record<string, unknown>>
}

/** Something the caller asked for that was not applied as asked, and why. */
export interface UpdateWarning {
  type: 'unsupported-option' | 'unsupported-field' | 'provider-error' | 'other'
  /** The input or response field it is about, when there is one. */
  field?: string
  message: string
}

/** One normalized update as the facade hands it to a provider. */
export interface ProviderUpdateRequest extends CallOptions {
  id: string
  name?: string
  description?: string | null
  /** This provider's own options (`providerOptions[providerId]`), checked by the provider. */
  options: Record<string, unknown>
}

export interface ProviderUpdateResult<Raw = unknown> {
  group: NormalizedCustomerGroup
  warnings: UpdateWarning[]
  /** The provider's own response body. */
  raw: Raw
  response: ResponseMetadata
}

/**
 * What a provider package implements for the facade. A third-party provider
 * that implements it works with `@customer-groups/client` unchanged.
 */
export interface CustomerGroupProvider<Raw = unknown> {
  readonly providerId: string
  readonly capabilities: ProviderCapabilities
  doUpdateCustomerGroup(request: ProviderUpdateRequest): Promise<ProviderUpdateResult<Raw>>
  /** Optional: the issues `doUpdateCustomerGroup` would throw for, found without sending anything. */
  checkUpdateCustomerGroup?(request: ProviderUpdateRequest): ArgumentIssue[]
}
