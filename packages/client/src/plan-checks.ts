import type { ArgumentIssue, IssueCode } from '@customer-groups/runtime'

/** The most issues one check lists: past it, a hostile file costs no more to refuse. */
export const maxIssues = 200

/** A plain object (parsed JSON's kind of object), not an array or null. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * Checks parsed JSON from someone else, field by field, collecting every
 * issue with the path of its field (`targets[0].actions[2].request.name`)
 * and the rule it breaks. Each check returns the value when it passed.
 */
export class FieldChecks {
  readonly issues: ArgumentIssue[] = []

  get full(): boolean {
    return this.issues.length >= maxIssues
  }

  add(field: string, code: IssueCode, message: string): undefined {
    if (this.issues.length < maxIssues) this.issues.push({ field, code, message })
    return undefined
  }

  /** An object with these fields and no others; a required one missing is an issue. */
  record(
    value: unknown,
    at: string,
    fields: { required: readonly string[]; optional?: readonly string[] },
  ): Record<string, unknown> | undefined {
    if (!isRecord(value)) return this.add(at, 'type', 'must be an object')
    const known = [...fields.required, ...(fields.optional ?? [])]
    for (const key of Object.keys(value))
      if (!known.includes(key))
        this.add(
          `${at === '' ? '' : `${at}.`}${key.slice(0, 100)}`,
          'unknown-field',
          `is not a field here (${known.join(', ')})`,
        )
    for (const key of fields.required)
      if (value[key] === undefined) this.add(`${at === '' ? '' : `${at}.`}${key}`, 'required', 'is missing')
    return value
  }

  /** A string of at most `max` characters (and at least one unless `empty`). */
  text(value: unknown, at: string, max: number, options: { empty?: boolean } = {}): string | undefined {
    if (typeof value !== 'string') return this.add(at, 'type', 'must be a string')
    if (value.length > max) return this.add(at, 'max-length', `must be at most ${max} characters`)
    if (value === '' && options.empty !== true) return this.add(at, 'min-length', 'must not be empty')
    return value
  }

  /** A string, or null. */
  nullableText(value: unknown, at: string, max: number): string | null | undefined {
    return value === null ? null : this.text(value, at, max, { empty: true })
  }

  oneOf<Value extends string>(value: unknown, at: string, values: readonly Value[]): Value | undefined {
    if (typeof value === 'string' && (values as readonly string[]).includes(value)) return value as Value
    return this.add(at, 'enum', `must be one of ${values.join(', ')}`)
  }

  boolean(value: unknown, at: string): boolean | undefined {
    return typeof value === 'boolean' ? value : this.add(at, 'type', 'must be true or false')
  }

  /** A list of at most `max` items. */
  list(value: unknown, at: string, max: number): unknown[] | undefined {
    if (!Array.isArray(value)) return this.add(at, 'type', 'must be a list')
    if (value.length > max) return this.add(at, 'max-items', `must have at most ${max} items`)
    return value
  }

  /** Any JSON value, nested at most `maxDepth` deep and `maxSize` characters of keys and strings. */
  json(value: unknown, at: string, bounds: { maxDepth: number; maxSize: number }): unknown {
    let budget = bounds.maxSize
    const fits = (node: unknown, depth: number): boolean => {
      budget -= 1
      if (typeof node === 'string') budget -= node.length
      if (budget < 0 || depth > bounds.maxDepth) return false
      if (typeof node !== 'object' || node === null) return true
      for (const [key, item] of Object.entries(node)) {
        budget -= key.length
        if (!fits(item, depth + 1)) return false
      }
      return true
    }
    if (fits(value, 0)) return value
    return this.add(
      at,
      'max-length',
      `must nest at most ${bounds.maxDepth} levels and hold at most ${bounds.maxSize} characters`,
    )
  }
}
