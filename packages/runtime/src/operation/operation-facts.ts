import type { CheckedSchema } from '../validation/json-schema.js'

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
  /**
   * The request's `{ path, query, body }` as one schema, checked before every
   * call by its generated check; its keywords say what the provider's options are.
   */
  readonly request: CheckedSchema
  /**
   * Each success status and the check its JSON body must pass (`null`: no
   * body). Only the check is kept: nothing reads a response schema's keywords.
   */
  readonly responses: Readonly<Record<number, CheckedSchema | null>>
  /** Headers the spec requires on every request with a fixed value, such as Shoptet's `Content-Type`. */
  readonly headers?: Readonly<Record<string, string>>
  /** Type only: the success body. */
  readonly '~data'?: Data
}

/** The success body type of an operation's facts. */
export type DataOf<Facts> = Facts extends OperationFacts<infer Data> ? Data : never
