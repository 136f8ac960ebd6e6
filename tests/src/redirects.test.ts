import { updateCustomerGroup } from '@customer-groups/client'
import { RedirectError } from '@customer-groups/runtime'
import { type FaultServer, startFaultServer } from '@customer-groups/testing'
import { afterEach, describe, expect, it } from 'vitest'
import { apiOf, createClient, providerNames, sampleIdOf, secretOf, updateOnce } from './providers.js'
import { cliEnv, runCli } from './run-cli.js'

// A hostile or misconfigured server answers with a redirect to another origin. Following it would
// carry the credential (Shoptet's token headers; undici strips only Authorization) and the body there.

const servers: FaultServer[] = []
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()))
})

/** The origin a redirect points to: it records whatever reaches it. */
async function elsewhere() {
  const server = await startFaultServer({ faults: [], afterwards: { status: 200, body: { stolen: true } } })
  servers.push(server)
  return server
}

async function redirecting(status: number, location: string) {
  const server = await startFaultServer({ faults: [], afterwards: { status, headers: { location } } })
  servers.push(server)
  return server
}

const statuses = [301, 302, 303, 307, 308]

describe.each(providerNames)('%s never follows a redirect', (provider) => {
  it.each(statuses)(
    'a %i to another origin is a RedirectError naming the status and origin only',
    async (status) => {
      const target = await elsewhere()
      const server = await redirecting(status, `${target.url}/steal?token=x#frag`)
      const error = await updateOnce(provider, { baseUrl: server.url, maxRetries: 2 }).catch(
        (caught: unknown) => caught,
      )
      expect(RedirectError.isInstance(error)).toBe(true)
      expect(error).toMatchObject({ status, targetOrigin: target.url, provider })
      expect((error as Error).message).toBe(
        `${provider} answered ${status} redirecting to ${target.url}; redirects are not followed`,
      )
      // Asked once, never retried, and nothing reached the other origin: no token, no body.
      expect(server.requests).toHaveLength(1)
      expect(target.requests).toEqual([])
      expect(JSON.stringify(error)).not.toContain(secretOf(provider))
    },
  )

  it('refuses a same-origin redirect too: neither API documents one', async () => {
    const server = await startFaultServer({
      faults: [],
      afterwards: { status: 307, headers: { location: '/other' } },
    })
    servers.push(server)
    const error = await updateOnce(provider, { baseUrl: server.url }).catch((caught: unknown) => caught)
    expect(error).toMatchObject({ name: 'RedirectError', targetOrigin: server.url })
    expect(server.requests).toHaveLength(1)
  })

  it('refuses an https answer that redirects to plain http, with no second request', async () => {
    const seen: string[] = []
    const error = await updateOnce(provider, {
      baseUrl: 'https://api.example.test',
      fetch: async (url) => {
        seen.push(String(url))
        return new Response(null, { status: 301, headers: { location: 'http://api.example.test/plain' } })
      },
    }).catch((caught: unknown) => caught)
    expect(error).toMatchObject({
      name: 'RedirectError',
      status: 301,
      targetOrigin: 'http://api.example.test',
    })
    expect(seen).toHaveLength(1)
  })

  it('refuses it through client.api, which goes through the same pipeline', async () => {
    const target = await elsewhere()
    const server = await redirecting(302, `${target.url}/steal`)
    const client = createClient(provider, { baseUrl: server.url })
    const api = apiOf(client) as unknown as { GET: (path: string) => Promise<unknown> }
    await expect(api.GET('/anything')).rejects.toMatchObject({ name: 'RedirectError', status: 302 })
    expect(target.requests).toEqual([])
  })

  it('refuses it through the facade and the CLI, without printing the token', async () => {
    const target = await elsewhere()
    const server = await redirecting(308, `${target.url}/steal`)
    const facade = await updateCustomerGroup({
      provider: createClient(provider, { baseUrl: server.url }),
      id: sampleIdOf(provider),
      name: 'VIP',
    }).catch((caught: unknown) => caught)
    expect(RedirectError.isInstance(facade)).toBe(true)

    const cli = await runCli(
      ['update', '--provider', provider, '--id', sampleIdOf(provider), '--name', 'VIP', '--json'],
      cliEnv(provider, server.url),
    )
    expect(cli.code).toBe(1)
    expect(JSON.parse(cli.stdout).error).toMatchObject({ name: 'RedirectError', status: 308 })
    expect(cli.stderr).toContain(`redirecting to ${target.url}; redirects are not followed`)
    expect(cli.stdout + cli.stderr).not.toContain(secretOf(provider))
    expect(target.requests).toEqual([])
  })
})
