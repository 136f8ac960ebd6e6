import { credentialIssues, headersIssues, InvalidArgumentError } from '@customer-groups/runtime'
import { createShoptet } from '@customer-groups/shoptet'
import { jsonResponse, recordingFetch } from '@customer-groups/testing'
import { createXtrakit } from '@customer-groups/xtrakit'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { successBodyOf } from './providers.js'

const xtrakitBase = 'https://api.xtrakit.test/api/v1'

describe('id encoding', () => {
  it('any Xtrakit id becomes exactly one path segment that decodes back to it, or is refused before sending', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 30 }), async (id) => {
        const recorder = recordingFetch(() => jsonResponse(200, successBodyOf('xtrakit')))
        const client = createXtrakit({
          apiKey: 'k',
          baseUrl: xtrakitBase,
          fetch: recorder.fetch,
          maxRetries: 0,
        })
        const outcome = await client.updateCustomerGroup({ id, group_name: 'VIP' }).then(
          () => 'sent',
          (error: unknown) => error,
        )
        if (outcome !== 'sent') {
          expect(InvalidArgumentError.isInstance(outcome)).toBe(true)
          expect(recorder.requests).toHaveLength(0)
          return
        }
        const path = recorder.requests[0]?.url.pathname ?? ''
        expect(path.startsWith('/api/v1/customer-groups/')).toBe(true)
        const segment = path.slice('/api/v1/customer-groups/'.length)
        expect(segment).not.toContain('/')
        expect(decodeURIComponent(segment)).toBe(id)
      }),
      { numRuns: 300 },
    )
  })

  it('only well-formed, non-empty ids other than . and .. are sent', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 6 }), async (id) => {
        const recorder = recordingFetch(() => jsonResponse(200, successBodyOf('xtrakit')))
        const client = createXtrakit({ apiKey: 'k', baseUrl: xtrakitBase, fetch: recorder.fetch })
        const sent = await client.updateCustomerGroup({ id, group_name: 'VIP' }).then(
          () => true,
          () => false,
        )
        const encodable = (() => {
          try {
            encodeURIComponent(id)
            return true
          } catch {
            return false
          }
        })()
        const expected = id !== '' && id !== '.' && id !== '..' && encodable
        expect(sent).toBe(expected)
      }),
      { numRuns: 300 },
    )
  })

  it('Shoptet ids are sent only when they are safe positive integers', async () => {
    const anyNumber = fc.oneof(fc.integer(), fc.double(), fc.constant(Number.MAX_SAFE_INTEGER + 2), fc.nat())
    await fc.assert(
      fc.asyncProperty(anyNumber, async (id) => {
        const recorder = recordingFetch(() => jsonResponse(200, successBodyOf('shoptet')))
        const client = createShoptet({ accessToken: 't', baseUrl: 'https://x.test', fetch: recorder.fetch })
        const sent = await client.updateCustomerGroup({ id, name: 'VIP' }).then(
          () => true,
          () => false,
        )
        expect(sent).toBe(Number.isSafeInteger(id) && id >= 1)
        if (sent) expect(recorder.requests[0]?.url.pathname).toBe(`/api/customers/groups/${id}`)
      }),
      { numRuns: 300 },
    )
  })
})

describe('header values', () => {
  it('are refused exactly when they are not valid header values, and never echoed', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 20 }), (value) => {
        // The reference rule, written out: tab, visible ASCII and space, Latin-1 letters; no C0, DEL, C1 or above U+00FF.
        const unsafe = [...value].some((character) => {
          const code = character.codePointAt(0) ?? 0
          return (code < 0x20 && code !== 0x09) || (code >= 0x7f && code < 0xa0) || code > 0xff
        })
        const issues = headersIssues('headers', { 'X-Value': value })
        expect(issues.length > 0).toBe(unsafe)
        if (value.length > 3) expect(JSON.stringify(issues)).not.toContain(JSON.stringify(value).slice(1, -1))
      }),
      { numRuns: 500 },
    )
  })

  it('credentials must be one word of visible ASCII', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 20 }), (value) => {
        const valid = /^[\x21-\x7e]+$/.test(value)
        expect(credentialIssues('apiKey', value).length === 0).toBe(valid)
      }),
      { numRuns: 500 },
    )
  })
})
