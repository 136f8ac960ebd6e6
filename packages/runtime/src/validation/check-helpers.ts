import type { ArgumentIssue } from '../errors.js'
import type { IssueCode } from './issue-code.js'

// The few steps of a schema check that are more than an expression, shared by the checks codegen
// writes and by compileSchema, so both report alike.

/** Adds one issue: the short call a generated check makes for each rule it finds broken. */
export function addIssue(issues: ArgumentIssue[], field: string, code: IssueCode, message: string): void {
  issues.push({ field, code, message })
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
