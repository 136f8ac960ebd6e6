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

  it('returns a value within its size budget as it is, and cuts one a character over it', () => {
    // {"a":"xxxx"}: one for the object, one for the key and its character, one and four for the string.
    const value = { a: 'xxxx' }
    expect(boundValue(value, { maxSize: 7 })).toBe(value)
    expect(boundValue(value, { maxSize: 6 })).toEqual({ a: '[cut: over 6 characters]' })
    const list = [1, 2, { b: [null] }]
    expect(boundValue(list, { maxSize: 7 })).toBe(list)
    expect(boundValue(list, { maxSize: 6 })).toEqual([1, 2, { b: ['[cut: over 6 characters]'] }])
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
