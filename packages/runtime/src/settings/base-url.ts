import type { ArgumentIssue } from '../errors.js'
import { isValidHeaderValue } from './header-value.js'

const loopbackHosts = new Set(['localhost', '127.0.0.1', '[::1]'])

function isLoopback(hostname: string): boolean {
  return loopbackHosts.has(hostname) || /^127(\.\d{1,3}){3}$/.test(hostname)
}

/**
 * Checks a base URL and returns it without a trailing slash, or the issues
 * that make it unsafe. Plain http is allowed only to loopback, where mocks run.
 * The value is never echoed: a mistyped URL may well hold a credential.
 */
export function checkBaseUrl(
  field: string,
  raw: string,
): { url: string; issues?: undefined } | { url?: undefined; issues: ArgumentIssue[] } {
  const fail = (message: string) => ({ issues: [{ field, code: 'invalid-url' as const, message }] })
  if (!isValidHeaderValue(raw) || /[\t ]/.test(raw))
    return fail('must not contain spaces or control characters')
  // `new URL` drops a bare `?` or `#`; either would still change what the path means.
  if (raw.includes('?') || raw.includes('#')) return fail('must not have a query or a fragment (? or #)')
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return fail('must be an absolute http(s) URL')
  }
  if (url.username !== '' || url.password !== '') return fail('must not carry credentials')
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopback(url.hostname))) {
    return fail(`must use https (plain http only to loopback), got ${url.protocol}//${url.host}`)
  }
  return { url: url.href.replace(/\/+$/, '') }
}

/**
 * A base URL spelled one way, for telling whether two reach one shop: every
 * loopback host (`localhost`, `127.x.x.x`, `[::1]`) is one, the protocol's
 * default port is written out, and a trailing slash is dropped. Two names of
 * one host (a DNS alias, an IP address for a name, a proxy) stay apart.
 */
export function shopAddress(baseUrl: string): string {
  let url: URL
  try {
    url = new URL(baseUrl)
  } catch {
    return baseUrl
  }
  const port = url.port !== '' ? url.port : url.protocol === 'https:' ? '443' : '80'
  const host = isLoopback(url.hostname) ? 'loopback' : url.hostname
  return `${url.protocol}//${host}:${port}${url.pathname.replace(/\/+$/, '')}`
}
