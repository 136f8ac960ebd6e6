import type { TypeName } from './json-schema.js'

/** How a type issue names each JSON Schema type: `must be a whole number or null`. */
export const typeWords: Readonly<Record<TypeName, string>> = {
  string: 'a string',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'true or false',
  object: 'a plain object',
  array: 'a list',
  null: 'null',
}
