import { assertHeaderSafe, InvalidArgumentError } from '@customer-groups/runtime'
import { createShoptet } from '@customer-groups/shoptet'
import { jsonResponse, recordingFetch } from '@customer-groups/testing'
import { createXtrakit } from '@customer-groups/xtrakit'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { successBody } from './providers.js'

const xtrakitBase = 'https://api.xtrakit.test/api/v1'

describe('id encoding', () => {
  it('any Xtrakit id becomes exactly one path segment that decodes back to it, or is refused before sending', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 30 }), async (id) => {
        const recorder = recordingFetch(() => jsonResponse(200, successBody.xtrakit))
        const client = createXtrakit({
          apiKey: 'k',
          baseUrl: xtrakitBase,
          fetch: recorder.fetch,
          maxRetries: 0,
        })
        const outcome = await client.updateCustomerGroup(id, { group_name: 'VIP' }).then(
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
        const recorder = recordingFetch(() => jsonResponse(200, successBody.xtrakit))
        const client = createXtrakit({ apiKey: 'k', baseUrl: xtrakitBase, fetch: recorder.fetch })
        const sent = await client.updateCustomerGroup(id, { group_name: 'VIP' }).then(
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
        const recorder = recordingFetch(() => jsonResponse(200, successBody.shoptet))
        const client = createShoptet({ accessToken: 't', baseUrl: 'https://x.test', fetch: recorder.fetch })
        const sent = await client.updateCustomerGroup(id, {}).then(
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
  it('are refused exactly when they hold a control character', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 20 }), (value) => {
        // biome-ignore lint/suspicious/noControlCharactersInRegex: the reference rule
        const unsafe = /[\u0000-\u001f\u007f]/.test(value)
        let refused = false
        try {
          assertHeaderSafe('test', 'header', value)
        } catch (error) {
          refused = InvalidArgumentError.isInstance(error)
          expect((error as Error).message).not.toContain(value.length > 3 ? value : '\u0000never')
        }
        expect(refused).toBe(unsafe)
      }),
      { numRuns: 500 },
    )
  })
})
