// What a provider's test kit (`<package>/testing`) gives the generic mocks and suites: types only, so
// a kit needs nothing at run time and `@customer-groups/testing` names no provider.

/** A stored group, in the provider's own shape (its own field names, its own id type). */
export type StoredGroup = Record<string, unknown> & { id: string | number }

/** One shop (one account) of a stateful mock: its groups, kept in memory. */
export interface Shop {
  /** In the order the provider lists them. */
  groups: StoredGroup[]
  /** The id of the group the shop cannot delete, where the provider has one. */
  defaultId?: string | number
}

/** A request as a stateful model sees it: the spec checked it on the way in (in proxy mode). */
export interface StatefulRequest {
  method: string
  /** The path without the query, e.g. `/api/customers/groups/7`. */
  path: string
  query: URLSearchParams
  /** The JSON body, or `undefined` without one. */
  body: unknown
}

/** What a stateful model answers; the spec checks it on the way out (in proxy mode). */
export interface StatefulAnswer {
  status: number
  body: unknown
  headers?: Record<string, string>
}

/** A stored group in the terms every provider shares, for write logs and assertions. */
export interface GroupView {
  /** The provider's own id, of its own type. */
  id: string | number
  name: string
  description: string | null
}

/** How one provider stores groups: what its API does with a shop's groups on each call. */
export interface StatefulModel {
  /** The groups of the spec's list example, which every new shop starts with. */
  seed(listExample: unknown): Shop
  /** The answer to a request, changing the shop as the real API would; `undefined`: no such route. */
  handle(request: StatefulRequest, shop: Shop): StatefulAnswer | undefined
  /** The fields of a stored group that hold its name and description, e.g. `{ name: 'group_name' }`. */
  readonly fields: { readonly name: string; readonly description?: string }
}

/** A group as a test names it, in the facade's terms; each kit writes it in its provider's shape. */
export interface FixtureGroup {
  id: string | number
  name: string
  description?: string | null
}

/**
 * What a provider package gives tests, from its `<package>/testing` subpath:
 * a model of its API for the stateful mock, bodies shaped as its spec
 * defines them, and its error envelope. Suites that run over every
 * registered provider take these instead of knowing any provider's shapes.
 */
export interface ProviderTestKit {
  /** How the provider's API changes a shop's groups, for `startMockServer({ stateful: true })`. */
  readonly stateful: StatefulModel
  /**
   * The body of an error answer in the provider's envelope saying `message`,
   * built from its spec's error example (of `status`, where the spec has one),
   * as its error reader reads it.
   */
  errorBody(message: string, status?: number): unknown
  /** The name and description a create or update request's body carries, in the facade's terms. */
  groupFields(body: unknown): { name?: unknown; description?: unknown }
  /** An id of the provider's own form for the `n`-th group a test names (n ≥ 1), whether or not the group exists. */
  fixtureId(n: number): string
  /** A stored group with every field the spec requires, as the provider answers it. */
  group(group: FixtureGroup): Record<string, unknown>
  /** The provider's answer to a successful update of `group`. */
  updateAnswer(group: FixtureGroup): unknown
}
