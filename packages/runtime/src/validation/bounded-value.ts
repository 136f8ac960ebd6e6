/** How deep a value from a server may nest before the rest is cut: the specs' own shapes nest far less. */
export const maxValueDepth = 32

export interface ValueBounds {
  /** Objects and arrays nested deeper than this are replaced by a note. */
  maxDepth?: number
  /** Characters of keys and strings, plus one per value, kept at most; later values are replaced by a note. */
  maxSize?: number
}

/**
 * A JSON-like value from a server, bounded so that printing or serializing it
 * cannot exhaust the stack or the screen: what nests deeper than `maxDepth`,
 * and what comes after `maxSize` is spent, becomes a short note saying so.
 * The value itself is returned when nothing had to be cut.
 */
export function boundValue(value: unknown, bounds: ValueBounds = {}): unknown {
  const maxDepth = bounds.maxDepth ?? maxValueDepth
  // The common case, a value within bounds, is found by one walk that copies nothing: a list's thousands
  // of groups each pass through here.
  if (budgetLeft(value, bounds.maxSize ?? Number.POSITIVE_INFINITY, 0, maxDepth) >= 0) return value
  let budget = bounds.maxSize ?? Number.POSITIVE_INFINITY
  const overSize = `[cut: over ${bounds.maxSize} characters]`
  const walk = (node: unknown, depth: number): unknown => {
    budget -= 1
    if (typeof node === 'string') {
      budget -= node.length
      return budget < 0 ? overSize : node
    }
    if (budget < 0) return overSize
    if (typeof node !== 'object' || node === null) return node
    if (depth >= maxDepth) return `[cut: nested deeper than ${maxDepth} levels]`
    if (Array.isArray(node)) {
      let copy: unknown[] | undefined
      for (let index = 0; index < node.length; index++) {
        const item = node[index]
        const bounded = walk(item, depth + 1)
        if (bounded !== item) copy ??= node.slice()
        if (copy !== undefined) copy[index] = bounded
      }
      return copy ?? node
    }
    let copy: Record<string, unknown> | undefined
    for (const key in node) {
      if (!Object.hasOwn(node, key)) continue
      budget -= key.length
      const item = (node as Record<string, unknown>)[key]
      const bounded = walk(item, depth + 1)
      if (bounded !== item) copy ??= { ...(node as Record<string, unknown>) }
      // Defined, not assigned: a key `__proto__` stays an own field.
      if (copy !== undefined)
        Object.defineProperty(copy, key, {
          value: bounded,
          enumerable: true,
          writable: true,
          configurable: true,
        })
    }
    return copy ?? node
  }
  return walk(value, 0)
}

/**
 * What is left of `budget` after `value`, counted as the walk above counts it (one per value, plus the
 * characters of keys and strings), or a negative number as soon as the walk would cut something: the
 * budget is spent, or an object or array nests `maxDepth` deep.
 */
function budgetLeft(value: unknown, budget: number, depth: number, maxDepth: number): number {
  let left = budget - 1
  if (typeof value === 'string') return left - value.length
  if (left < 0 || typeof value !== 'object' || value === null) return left
  if (depth >= maxDepth) return -1
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length && left >= 0; index++)
      left = budgetLeft(value[index], left, depth + 1, maxDepth)
    return left
  }
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue
    left = budgetLeft((value as Record<string, unknown>)[key], left - key.length, depth + 1, maxDepth)
    if (left < 0) return left
  }
  return left
}
