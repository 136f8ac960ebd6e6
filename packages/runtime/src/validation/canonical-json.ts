/**
 * JSON with object keys sorted and undefined fields left out, so equal content
 * is equal text: `{a, b}` and `{b, a}` compare, hash and journal the same.
 * `undefined` in a list or on its own is `null`, as `JSON.stringify` writes it in a list.
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`
  }
  return value === undefined ? 'null' : JSON.stringify(value)
}
