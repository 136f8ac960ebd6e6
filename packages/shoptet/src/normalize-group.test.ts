import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { normalizeShoptetGroup } from './normalize-group.js'

/** The fields the package's spec gives a customer group. */
const specFields = Object.keys(
  parse(readFileSync(new URL('../openapi.yaml', import.meta.url), 'utf8')).components.schemas.CustomerGroup
    .properties,
)

describe('normalizeShoptetGroup', () => {
  it('passes every field the spec gives a group but id, name and description to providerMetadata', () => {
    const group = Object.fromEntries(specFields.map((field, index) => [field, `value ${index}`]))
    group.id = 7 as never
    const normalized = normalizeShoptetGroup(group)
    const metadata = normalized?.providerMetadata?.shoptet as Record<string, unknown>
    const passed = specFields.filter((field) => !['id', 'name', 'description'].includes(field))
    expect(Object.keys(metadata).sort()).toEqual([...passed].sort())
    for (const field of passed) expect(metadata[field]).toBe(group[field])
    expect(normalized).toMatchObject({ id: '7', name: group.name, description: group.description })
  })

  it('leaves out the optional fields an answer does not have, rather than add them as undefined', () => {
    const group = JSON.parse(
      '{"id":1,"name":"A","customerGroupCode":null,"description":null,"defaultPricelistId":null,"maxDiscount":null,"priority":null,"emailNotification":false,"authRequired":false,"registrationAllowed":true,"wholesale":false,"tableLayout":false,"fullProfileRequired":false}',
    )
    const metadata = normalizeShoptetGroup(group)?.providerMetadata?.shoptet as object
    expect('defaultDueDays' in metadata).toBe(false)
    expect('defaultOrderStatusId' in metadata).toBe(false)
  })

  it('passes on fields the spec does not name as they came, "__proto__" as a plain field', () => {
    const group = JSON.parse(
      '{"id":1,"name":"A","description":null,"loyaltyTier":"gold","__proto__":{"polluted":true}}',
    )
    const metadata = normalizeShoptetGroup(group)?.providerMetadata?.shoptet as Record<string, unknown>
    expect(metadata.loyaltyTier).toBe('gold')
    expect(Object.getPrototypeOf(metadata)).toBe(Object.prototype)
    expect(Object.getOwnPropertyDescriptor(metadata, '__proto__')?.value).toEqual({ polluted: true })
    expect((metadata as { polluted?: unknown }).polluted).toBeUndefined()
  })
})
