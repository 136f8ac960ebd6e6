/** `bun/1.2.3`, `deno/2.1.0`, `node/20.19.0`, `workerd` or `browser`: what the code runs on, for `User-Agent`. */
export function runtimeName(): string {
  const g = globalThis as {
    Bun?: { version?: string }
    Deno?: { version?: { deno?: string } }
    process?: { versions?: { node?: string } }
    navigator?: { userAgent?: string }
    document?: unknown
  }
  if (g.Bun?.version !== undefined) return `bun/${g.Bun.version}`
  if (g.Deno?.version?.deno !== undefined) return `deno/${g.Deno.version.deno}`
  if (g.navigator?.userAgent === 'Cloudflare-Workers') return 'workerd'
  if (g.process?.versions?.node !== undefined) return `node/${g.process.versions.node}`
  if (g.document !== undefined) return 'browser'
  return 'unknown'
}

/** `customer-groups-xtrakit/0.2.0 (node/20.19.0)`. */
export function userAgent(provider: string, version: string): string {
  return `customer-groups-${provider}/${version} (${runtimeName()})`
}
