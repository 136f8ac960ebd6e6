import type { ArgumentIssue } from '../errors.js'

/** True in a web page or a browser's web worker: places where anyone can read the page's code and memory. */
export function isBrowser(): boolean {
  const g = globalThis as {
    window?: { document?: unknown }
    importScripts?: unknown
    navigator?: { userAgent?: string }
  }
  if (typeof g.window === 'object' && typeof g.window?.document === 'object') return true
  return typeof g.importScripts === 'function' && g.navigator?.userAgent !== 'Cloudflare-Workers'
}

/**
 * A client holds a credential that grants write access to a shop: in a
 * browser anyone who opens the page can read it. Creating one there needs an
 * explicit `dangerouslyAllowBrowser: true` (the convention of Stainless SDKs).
 */
export function browserIssues(allow: boolean | undefined): ArgumentIssue[] {
  if (allow === true || !isBrowser()) return []
  return [
    {
      field: 'dangerouslyAllowBrowser',
      code: 'unsafe-environment',
      message:
        'must be true to create a client in a web browser: anyone who opens the page can read its API token. Call the provider from your server instead',
    },
  ]
}
