import { type Fetch, InvalidArgumentError } from '@customer-groups/runtime'
import { createShoptet } from '@customer-groups/shoptet'
import { jsonResponse, recordingFetch } from '@customer-groups/testing'
import { createXtrakit } from '@customer-groups/xtrakit'
import fc from 'fast-check'
import { describe, expect, inject, it } from 'vitest'
import { language, languageForPrism, shoptetData, xtrakitBody } from './arbitraries.js'
import { successBodyOf } from './providers.js'

/** What the client did with a request: sent it, or refused it before sending. */
async function clientVerdict(send: (fetch: Fetch) => Promise<unknown>, body: unknown) {
  const recorder = recordingFetch(() => jsonResponse(200, body))
  const outcome = await send(recorder.fetch).then(
    () => 'sent' as const,
    (error: unknown) => {
      expect(InvalidArgumentError.isInstance(error)).toBe(true)
      expect(recorder.requests).toHaveLength(0)
      return 'refused' as const
    },
  )
  return { outcome, sentBody: recorder.requests[0]?.body }
}

const shoptetVerdict = (data: unknown, lang: string | undefined) =>
  clientVerdict(
    (fetch) =>
      createShoptet({ accessToken: 't', baseUrl: 'https://x.test', fetch }).updateCustomerGroup({
        ...((lang === undefined ? data : { ...(data as object), language: lang }) as object),
        id: 7,
      } as never),
    successBodyOf('shoptet'),
  )

const xtrakitVerdict = (body: unknown) =>
  clientVerdict(
    (fetch) =>
      createXtrakit({ apiKey: 'k', baseUrl: 'https://x.test', fetch }).updateCustomerGroup({
        ...(body as object),
        id: '1',
      } as never),
    successBodyOf('xtrakit'),
  )

/** The documented Shoptet rules, written out by hand as an independent reference. */
function shoptetReference(data: Record<string, unknown>, lang: string | undefined): boolean {
  const isInt = (v: unknown) => typeof v === 'number' && Number.isInteger(v)
  const rules: Record<string, (v: unknown) => boolean> = {
    name: (v) => typeof v === 'string' && [...v].length >= 1 && [...v].length <= 255,
    description: (v) => v === null || typeof v === 'string',
    defaultPricelistId: (v) => v === null || isInt(v),
    maxDiscount: (v) => v === null || (typeof v === 'string' && /^0\.[0-9]{4}$/.test(v)),
    defaultOrderStatusId: (v) => v === null || isInt(v),
    defaultDueDays: (v) => v === null || (isInt(v) && (v as number) >= 0 && (v as number) <= 365),
  }
  for (const flag of [
    'emailNotification',
    'authRequired',
    'registrationAllowed',
    'wholesale',
    'tableLayout',
    'fullProfileRequired',
  ]) {
    rules[flag] = (v) => typeof v === 'boolean'
  }
  const fieldsOk = Object.entries(data).every(([key, value]) => rules[key]?.(value) ?? false)
  // Shoptet refuses an empty `data`.
  const nonEmpty = Object.keys(data).length > 0
  const languageOk = lang === undefined || /^[a-z]{2,3}(-[A-Za-z]{2,4})?$/.test(lang)
  return fieldsOk && nonEmpty && languageOk
}

describe('the spec-generated validators', () => {
  it('Shoptet: the client sends exactly what the documented rules allow', async () => {
    await fc.assert(
      fc.asyncProperty(shoptetData, language, async (data, lang) => {
        const { outcome, sentBody } = await shoptetVerdict(data, lang)
        expect(outcome === 'sent').toBe(shoptetReference(data, lang))
        // Nothing the caller sent is lost or changed on the way out.
        if (sentBody !== undefined) expect(JSON.parse(sentBody)).toEqual(JSON.parse(JSON.stringify({ data })))
      }),
      { numRuns: 400 },
    )
  })

  it('Xtrakit: the client sends exactly what the documented rules allow', async () => {
    await fc.assert(
      fc.asyncProperty(xtrakitBody, async (body) => {
        const { outcome } = await xtrakitVerdict(body)
        const expected =
          typeof body.group_name === 'string' &&
          [...body.group_name].length >= 1 &&
          (!('group_description' in body) || typeof body.group_description === 'string') &&
          !('colour' in body)
        expect(outcome === 'sent').toBe(expected)
      }),
      { numRuns: 300 },
    )
  })
})

describe('differential: the client and the Prism mock accept the same requests', () => {
  const urls = inject('mockServers')

  it('Shoptet', async () => {
    await fc.assert(
      fc.asyncProperty(shoptetData, languageForPrism, async (data, lang) => {
        const { outcome } = await shoptetVerdict(data, lang)
        const query = lang === undefined ? '' : `?language=${encodeURIComponent(lang)}`
        const prism = await fetch(`${urls.shoptet}/api/customers/groups/7${query}`, {
          method: 'PATCH',
          headers: { 'content-type': 'application/json', 'shoptet-access-token': 't' },
          body: JSON.stringify({ data }),
        })
        await prism.arrayBuffer()
        expect({ data, lang, prism: prism.status, outcome }).toEqual({
          data,
          lang,
          prism: outcome === 'sent' ? 200 : 422,
          outcome,
        })
      }),
      { numRuns: 150 },
    )
  })

  it('Xtrakit', async () => {
    await fc.assert(
      fc.asyncProperty(xtrakitBody, async (body) => {
        const { outcome } = await xtrakitVerdict(body)
        const prism = await fetch(`${urls.xtrakit}/customer-groups/1`, {
          method: 'PUT',
          headers: { 'content-type': 'application/json', authorization: 'Bearer k' },
          body: JSON.stringify(body),
        })
        await prism.arrayBuffer()
        expect({ body, prism: prism.status }).toEqual({ body, prism: outcome === 'sent' ? 200 : 422 })
      }),
      { numRuns: 150 },
    )
  })
})
