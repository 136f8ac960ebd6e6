import { afterEach, describe, expect, it, vi } from 'vitest'
import { InvalidArgumentError } from '../errors.js'
import { testToken, testTransport } from '../test-provider.fixture.js'
import { shopAddress } from './base-url.js'
import { shopFingerprint } from './shop-fingerprint.js'

const shop = { providerId: 'test', baseUrl: 'https://api.example.com', credential: `Bearer ${testToken}` }

afterEach(() => {
  vi.unstubAllEnvs()
})

describe('shopFingerprint', () => {
  it('is 32 hex digits, the same for the same shop, and holds nothing of the credential', async () => {
    const fingerprint = await shopFingerprint(shop)
    expect(fingerprint).toMatch(/^[0-9a-f]{32}$/)
    expect(await shopFingerprint({ ...shop })).toBe(fingerprint)
    expect(fingerprint).not.toContain(testToken.slice(4, 12))
    // Neither the credential's plain SHA-256 nor a prefix of it: a digest kept elsewhere cannot be matched with it.
    const plain = Buffer.from(
      await crypto.subtle.digest('SHA-256', new TextEncoder().encode(shop.credential)),
    ).toString('hex')
    expect(plain.includes(fingerprint)).toBe(false)
  })

  it('differs for another credential, base URL or provider', async () => {
    const fingerprint = await shopFingerprint(shop)
    const others = await Promise.all([
      shopFingerprint({ ...shop, credential: `${shop.credential}x` }),
      shopFingerprint({ ...shop, baseUrl: 'https://other.example.com' }),
      shopFingerprint({ ...shop, baseUrl: 'https://api.example.com/v2' }),
      shopFingerprint({ ...shop, providerId: 'other' }),
    ])
    expect(new Set([fingerprint, ...others]).size).toBe(5)
  })

  it('spells a base URL one way: loopback hosts, default ports and a trailing slash', async () => {
    expect(shopAddress('https://api.example.com')).toBe(shopAddress('https://api.example.com:443/'))
    expect(shopAddress('http://localhost:4010/api')).toBe(shopAddress('http://127.0.0.2:4010/api/'))
    expect(shopAddress('http://[::1]:4010')).toBe(shopAddress('http://localhost:4010'))
    expect(shopAddress('http://localhost:4010')).not.toBe(shopAddress('http://localhost:4011'))
    expect(await shopFingerprint({ ...shop, baseUrl: 'https://api.example.com:443/' })).toBe(
      await shopFingerprint(shop),
    )
  })

  it("is what a client's transport says of its own shop, reading the environment when asked", async () => {
    const transport = testTransport({ apiKey: testToken, baseUrl: 'https://api.example.com/' })
    expect(await transport.shopFingerprint?.()).toBe(await shopFingerprint(shop))
    const fromEnvironment = testTransport({ apiKey: undefined, baseUrl: undefined })
    vi.stubEnv('CG_TEST_KEY', 'another-key')
    vi.stubEnv('CG_TEST_BASE_URL', 'http://127.0.0.1:9')
    expect(await fromEnvironment.shopFingerprint?.()).toBe(
      await shopFingerprint({
        providerId: 'test',
        baseUrl: 'http://localhost:9',
        credential: 'Bearer another-key',
      }),
    )
    vi.stubEnv('CG_TEST_KEY', '')
    const missing = await fromEnvironment.shopFingerprint?.().catch((error: unknown) => error)
    expect(InvalidArgumentError.isInstance(missing)).toBe(true)
  })
})
