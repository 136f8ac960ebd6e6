/** A stored group, in the provider's own shape (its own field names, its own id type). */
export type StoredGroup = Record<string, unknown> & { id: number }

/** One shop (one account) of a stateful mock: its groups, kept in memory. */
export interface Shop {
  /** In the order the provider lists them. */
  groups: StoredGroup[]
  /** The id of the group the shop cannot delete, where the provider has one. */
  defaultId?: number
}

/** A request as a stateful provider sees it: the spec checked it on the way in (in proxy mode). */
export interface StatefulRequest {
  method: string
  /** The path without the query, e.g. `/api/customers/groups/7`. */
  path: string
  query: URLSearchParams
  /** The JSON body, or `undefined` without one. */
  body: unknown
}

/** What a stateful provider answers; the spec checks it on the way out (in proxy mode). */
export interface StatefulAnswer {
  status: number
  body: unknown
  headers?: Record<string, string>
}

/** A stored group in the terms every provider shares, for write logs and assertions. */
export interface GroupView {
  id: number
  name: string
  description: string | null
}

/** How one provider stores groups: what its API does with a shop's groups on each call. */
export interface StatefulProvider {
  /** The groups of the spec's list example, which every new shop starts with. */
  seed(listExample: unknown): Shop
  /** The answer to a request, changing the shop as the real API would; `undefined`: no such route. */
  handle(request: StatefulRequest, shop: Shop): StatefulAnswer | undefined
  /** A stored group's id, name and description. */
  view(group: StoredGroup): GroupView
}

/** The next free id of a shop. */
export function nextId(shop: Shop): number {
  return shop.groups.reduce((max, group) => Math.max(max, group.id), 0) + 1
}

/** A deep copy, so answers never share objects with the store. */
export function copy<Value>(value: Value): Value {
  return structuredClone(value)
}

/** `/customer-groups/12` with `/customer-groups/` → `12`; anything else → undefined. */
export function idAfter(path: string, prefix: string): number | undefined {
  if (!path.startsWith(prefix)) return undefined
  const rest = path.slice(prefix.length)
  return /^[1-9][0-9]{0,8}$/.test(rest) ? Number(rest) : undefined
}
