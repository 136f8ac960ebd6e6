import { InvalidArgumentError } from '../errors/invalid-argument-error.js'
import { hasControlCharacters } from './header-value.js'
import { readEnvironment } from './load-setting.js'

const loopbackHosts = new Set(['localhost', '127.0.0.1', '[::1]'])

function isLoopback(hostname: string): boolean {
  return loopbackHosts.has(hostname) || /^127(\.\d{1,3}){3}$/.test(hostname)
}

/**
 * Base URL from the explicit value, else the environment (read now), else the
 * spec's server. Plain http is allowed only to loopback, where mocks run.
 */
export function resolveBaseUrl(options: {
  value: string | undefined
  environmentVariable: string
  defaultUrl: string
  context: string
}): string {
  const raw = options.value ?? readEnvironment(options.environmentVariable) ?? options.defaultUrl
  const fail = (rule: string, message: string) =>
    new InvalidArgumentError(options.context, [{ field: 'baseUrl', rule, message }])
  if (hasControlCharacters(raw)) throw fail('no-control-characters', 'must not contain control characters')
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    // The value is not echoed: a mistyped URL may well hold a credential.
    throw fail('url', 'must be an absolute http(s) URL')
  }
  if (url.username !== '' || url.password !== '') throw fail('no-credentials', 'must not carry credentials')
  if (url.search !== '' || url.hash !== '') throw fail('no-query', 'must not have a query or fragment')
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopback(url.hostname))) {
    throw fail('https', `must use https (plain http only to loopback), got ${url.protocol}//${url.host}`)
  }
  return url.href.replace(/\/+$/, '')
}
