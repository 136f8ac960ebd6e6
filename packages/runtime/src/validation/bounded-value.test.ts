import { describe, expect, it } from 'vitest'
import { boundValue } from './bounded-value.js'

const nested = (levels: number): unknown => {
  let value: unknown = 1
  for (let level = 0; level < levels; level++) value = { a: value }
  return value
}

describe('boundValue', () => {
  it('returns a value within bounds as it is, without copying', () => {
    const value = { data: [{ id: 1, name: 'x', meta: nested(10) }] }
    expect(boundValue(value)).toBe(value)
  })

  it('cuts what nests deeper than the limit, 20,000 levels included, and leaves the rest', () => {
    const value = { keep: 'me', deep: nested(20_000) }
    const bounded = boundValue(value, { maxDepth: 3 }) as Record<string, unknown>
    expect(bounded.keep).toBe('me')
    expect(JSON.stringify(bounded.deep)).toBe('{"a":{"a":"[cut: nested deeper than 3 levels]"}}')
    expect(value.deep).toEqual(expect.objectContaining({ a: expect.anything() }))
  })

  it('cuts what comes after the size budget, and keeps a __proto__ key an own field', () => {
    const value = JSON.parse('{"a":"xxxx","__proto__":{"b":1},"c":"yyyyyyyy"}')
    const bounded = boundValue(value, { maxSize: 12 }) as Record<string, unknown>
    expect(bounded.a).toBe('xxxx')
    expect(Object.hasOwn(bounded, '__proto__')).toBe(true)
    expect(bounded.c).toBe('[cut: over 12 characters]')
    expect(Object.getPrototypeOf(bounded)).toBe(Object.prototype)
  })
})
