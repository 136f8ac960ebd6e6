import { builtInProviders } from '@customer-groups/registry'
import { describe, expect, it } from 'vitest'
import { writeAssemblies } from './assemblies.js'
import { benchProfiles } from './contenders.js'

/** The same update for every assembly, and one the spec refuses, per provider. */
const requests = {
  xtrakit: {
    headers: { Authorization: 'Bearer k' },
    valid: { path: { id: '42' }, body: { group_name: 'VIP' } },
    invalid: { path: { id: '42' }, body: { group_name: '' } },
  },
  shoptet: {
    headers: { 'Shoptet-Access-Token': 'k' },
    valid: {
      path: { id: 7 },
      query: { language: 'cs' },
      body: { data: { name: 'VIP', maxDiscount: '0.1500' } },
    },
    invalid: { path: { id: 7 }, body: { data: { maxDiscount: '5' } } },
  },
}

type Entry = {
  configure?(settings: object): void
  createAssemblyClient?(settings: object): unknown
  updateCustomerGroup(...args: unknown[]): Promise<unknown>
}

// What the size section compares our packages with must work, or it would compare with less.
describe('the same-feature assemblies', () => {
  it.each(builtInProviders.map((entry) => entry.id))(
    '%s: each sends a valid update and answers with the body, and refuses an invalid one unsent',
    async (provider) => {
      const { headers, valid, invalid } = requests[provider]
      for (const assembly of await writeAssemblies(provider)) {
        const sent: Request[] = []
        const fetch = async (request: Request) => {
          sent.push(request)
          return new Response(JSON.stringify(benchProfiles[provider].successBody), {
            headers: { 'content-type': 'application/json' },
          })
        }
        const entry = (await import(assembly.updateOnly)) as Entry
        const settings = { baseUrl: 'https://api.test', headers, fetch, maxRetries: 0 }
        let update: (request: unknown) => Promise<unknown>
        if (entry.configure !== undefined) {
          entry.configure(settings)
          update = async (request) => ((await entry.updateCustomerGroup(request)) as { data: unknown }).data
        } else {
          const client = entry.createAssemblyClient?.(settings)
          update = (request) => entry.updateCustomerGroup(client, request)
        }
        expect(await update(valid), assembly.name).toEqual(benchProfiles[provider].successBody)
        expect(sent, assembly.name).toHaveLength(1)
        await expect(update(invalid), assembly.name).rejects.toThrow()
        expect(sent, assembly.name).toHaveLength(1)
      }
    },
    60_000,
  )
})
