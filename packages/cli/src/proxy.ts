import type { ClientSettings } from '@customer-groups/runtime'

type Fetch = NonNullable<ClientSettings['fetch']>

/** The variables that name a proxy, in both spellings tools use. */
const proxyVariables = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'] as const

/**
 * A `fetch` that goes through the proxy that HTTPS_PROXY / HTTP_PROXY name
 * (upper or lower case), except for the hosts NO_PROXY lists, as curl and
 * most tools do; `undefined` when no proxy is set, so the global `fetch` is
 * used and undici is not even loaded. Every request is tunnelled with
 * CONNECT, so an https request, its credential included, stays encrypted
 * end to end: the proxy sees only the host and port.
 */
export async function proxyFetch(env: NodeJS.ProcessEnv = process.env): Promise<Fetch | undefined> {
  if (!proxyVariables.some((name) => (env[name] ?? '') !== '')) return undefined
  const { EnvHttpProxyAgent, fetch } = await import('undici')
  // It reads the same variables (lower case first) and NO_PROXY itself.
  const dispatcher = new EnvHttpProxyAgent()
  // The clients call fetch(url, init) with the URL as text.
  return (url, init) =>
    fetch(url instanceof Request ? url.url : url, {
      ...(init as Parameters<typeof fetch>[1]),
      dispatcher,
    }) as unknown as Promise<Response>
}
