import type { JsonSchema } from '../validation/json-schema.js'

/**
 * What the spec says about one operation, emitted by codegen per operationId:
 * never retyped by hand. `Data` is the type of its success body.
 */
export interface OperationFacts<Data = unknown> {
  readonly operationId: string
  readonly method: 'GET' | 'PUT' | 'POST' | 'PATCH' | 'DELETE'
  /** The path template, e.g. `/customer-groups/{id}`. */
  readonly path: string
  /** Names of the parameters the caller gives, by where they travel. */
  readonly parameters: { readonly path: readonly string[]; readonly query: readonly string[] }
  /** The request's `{ path, query, body }` as one schema, checked before every call. */
  readonly request: JsonSchema
  /** Each success status and the schema its JSON body must match (`null`: no body). */
  readonly responses: Readonly<Record<number, JsonSchema | null>>
  /** Headers the spec requires on every request with a fixed value, such as Shoptet's `Content-Type`. */
  readonly headers?: Readonly<Record<string, string>>
  /** Type only: the success body. */
  readonly '~data'?: Data
}

/** The success body type of an operation's facts. */
export type DataOf<Facts> = Facts extends OperationFacts<infer Data> ? Data : never
