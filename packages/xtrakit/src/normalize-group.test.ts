import { describe, expect, it } from 'vitest'
import { normalizeXtrakitGroup } from './normalize-group.js'

describe('normalizeXtrakitGroup', () => {
  it('maps id, name, description and dates, and passes every other field to providerMetadata', () => {
    const group = JSON.parse(
      '{"id":3,"user_id":"u1","business_code":"402871","group_name":"VIP","group_description":null,"created_at":"a","updated_at":"b","tier":"gold"}',
    )
    expect(normalizeXtrakitGroup(group)).toEqual({
      id: '3',
      name: 'VIP',
      description: null,
      provider: 'xtrakit',
      createdAt: 'a',
      updatedAt: 'b',
      providerMetadata: { xtrakit: { user_id: 'u1', business_code: '402871', tier: 'gold' } },
    })
  })

  it('has no providerMetadata when the group has nothing beyond what is mapped', () => {
    const normalized = normalizeXtrakitGroup({ id: 3, group_name: 'VIP' })
    expect(normalized).toEqual({ id: '3', name: 'VIP', description: null, provider: 'xtrakit' })
    expect('providerMetadata' in (normalized as object)).toBe(false)
    expect('createdAt' in (normalized as object)).toBe(false)
  })

  it('passes "__proto__" on as a plain field, never as the prototype', () => {
    const group = JSON.parse('{"id":3,"group_name":"VIP","__proto__":{"polluted":true}}')
    const metadata = normalizeXtrakitGroup(group)?.providerMetadata?.xtrakit as Record<string, unknown>
    expect(Object.getPrototypeOf(metadata)).toBe(Object.prototype)
    expect(Object.getOwnPropertyDescriptor(metadata, '__proto__')?.value).toEqual({ polluted: true })
  })
})
