import type { ArgumentIssue } from '../errors.js'
import type { IssueCode } from './issue-code.js'

// The few steps of a schema check that are more than an expression, shared by the checks codegen
// writes and by compileSchema, so both report alike.

/**
 * The field at `rest` below a value a generated check was handed, named as the
 * interpreter names it: `prefix` is what goes before the value's own fields
 * (`data.`, empty at the root), and `index`, when given, is the value's place in
 * the list or object at `prefix` (`data.customerGroups.` and `5`). A shared
 * check gets its place in those parts, and only an issue joins them, so checking
 * every item of a long list builds no string. Without `rest`, the value's own
 * field (`body` at the root); with it, what follows (`id`, or `` for the prefix).
 */
export function fieldAt(prefix: string, index?: number | string, rest?: number | string): string {
  const own = index === undefined ? prefix : `${prefix}${index}.`
  if (rest !== undefined) return own + rest
  return own === '' ? 'body' : own.slice(0, -1)
}

/**
 * Adds one issue: the short call a generated check makes for each rule it
 * finds broken. The field is named as `fieldAt` names it from `rest`,
 * `prefix` and `index`, so that it is joined only when there is an issue:
 * `rest` alone is the field from the root, nothing at all the root itself.
 */
export function addIssue(
  issues: ArgumentIssue[],
  code: IssueCode,
  message: string,
  rest?: number | string,
  prefix = '',
  index?: number | string,
): void {
  issues.push({ field: fieldAt(prefix, index, rest), code, message })
}

/**
 * Adds a `required` issue for each of `names` that `object` lacks, in order;
 * `prefix` is the object's own field and a dot (`data.`), empty at the root.
 * With `ownOnly`, a caller's field counts only when own and enumerable.
 */
export function requiredIssues(
  issues: ArgumentIssue[],
  object: Record<string, unknown>,
  names: readonly string[],
  prefix: string,
  ownOnly = false,
): void {
  for (const name of names) {
    if (object[name] === undefined || (ownOnly && !isOwnField(object, name)))
      issues.push({ field: `${prefix}${name}`, code: 'required', message: 'is required' })
  }
}

/** A string's length in code points, as JSON Schema counts it (`😀` is 1), not in UTF-16 units. */
export function codePointLength(text: string): number {
  let length = 0
  for (const _ of text) length++
  return length
}

/** An object of parsed JSON, where every object is plain: anything but null and a list. */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** An own, enumerable field: what JSON.stringify sends of a caller's object. */
export function isOwnField(value: object, name: string): boolean {
  return Object.prototype.propertyIsEnumerable.call(value, name)
}

/**
 * The issues of a value that fits no branch of an `anyOf`, given what each
 * branch found in turn: those of the first branch whose type the value has,
 * or else one issue that lists the types the branches take.
 */
export function anyOfIssues(
  issues: ArgumentIssue[],
  found: readonly (readonly ArgumentIssue[])[],
  field: string,
  typeMessage: string,
): void {
  for (const branch of found) {
    const wrongType = branch.length === 1 && branch[0]?.code === 'type' && branch[0].field === field
    if (!wrongType) {
      issues.push(...branch)
      return
    }
  }
  issues.push({ field, code: 'type', message: typeMessage })
}
