import { describe, expect, it } from 'vitest'
import { parseRetryAfter, retryDelayMs } from './retry-policy.js'

const now = Date.parse('2026-11-25T12:00:00Z')
const parse = (headers: Record<string, string>) => parseRetryAfter(new Headers(headers), now)

describe('parseRetryAfter', () => {
  it('reads whole seconds, an HTTP date and retry-after-ms', () => {
    expect(parse({ 'retry-after': '7' })).toBe(7000)
    expect(parse({ 'retry-after': 'Wed, 25 Nov 2026 12:00:30 GMT' })).toBe(30_000)
    expect(parse({ 'retry-after': 'Wed, 25 Nov 2026 11:00:00 GMT' })).toBe(0)
    expect(parse({ 'retry-after-ms': '250.5' })).toBe(250.5)
  })

  it.each([
    // A header sent twice arrives joined; Date.parse would read it as a date in 2001.
    ['1, 2'],
    ['-5'],
    ['1e12'],
    ['1.5'],
    ['tomorrow'],
    ['2026-11-25T12:00:30Z'],
    [''],
  ])('ignores the malformed Retry-After %j', (value) => {
    expect(parse({ 'retry-after': value })).toBeUndefined()
  })

  it('keeps a wait of days or years, which must stop the retries, and ignores a negative one', () => {
    expect(parse({ 'retry-after': '172800' })).toBe(172_800_000)
    expect(parse({ 'retry-after-ms': '1000000000000' })).toBe(1_000_000_000_000)
    expect(parse({ 'retry-after': 'Wed, 25 Nov 2099 12:00:00 GMT' })).toBeGreaterThan(70 * 365 * 86_400_000)
    expect(parse({ 'retry-after-ms': '-1' })).toBeUndefined()
  })
})

describe('retryDelayMs', () => {
  it('waits what the provider asked, else backs off exponentially with jitter up to the maximum', () => {
    expect(retryDelayMs(0, 1234, () => 0.5)).toBe(1234)
    expect(retryDelayMs(0, undefined, () => 0)).toBe(500)
    expect(retryDelayMs(1, undefined, () => 1)).toBe(750)
    expect(retryDelayMs(10, undefined, () => 0)).toBe(8000)
    expect(retryDelayMs(3, undefined, () => 0, { initialDelayMs: 10, maxDelayMs: 50 })).toBe(50)
  })
})
