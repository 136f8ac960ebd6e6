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
  // The common case, a value within bounds, is found without copying or counting anything.
  if (bounds.maxSize === undefined && !nestsDeeper(value, maxDepth)) return value
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

/** Whether objects or arrays in `value` nest deeper than `maxDepth`. */
function nestsDeeper(value: unknown, maxDepth: number, depth = 0): boolean {
  if (typeof value !== 'object' || value === null) return false
  if (depth >= maxDepth) return true
  if (Array.isArray(value)) {
    for (const item of value)
      if (typeof item === 'object' && nestsDeeper(item, maxDepth, depth + 1)) return true
    return false
  }
  for (const key in value) {
    const item = (value as Record<string, unknown>)[key]
    if (typeof item === 'object' && nestsDeeper(item, maxDepth, depth + 1)) return true
  }
  return false
}
