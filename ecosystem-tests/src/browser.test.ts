import { existsSync, readFileSync } from 'node:fs'
import { createServer } from 'node:http'
import { extname, join } from 'node:path'
import { afterAll, describe, expect, inject, it } from 'vitest'
import type { SmokeConfig, SmokeReport } from '../smoke/smoke.js'
import { chromiumVersion, launchChromium, runsInChromium, warnWithoutChromium } from './chromium.js'
import { expectedReport } from './expected-report.js'
import { startScenarioServer } from './scenario-server.js'

/**
 * A page that bundles the clients, in headless Chromium (Debian's package,
 * which .ci/run installs): a client is refused without
 * `dangerouslyAllowBrowser`, in the page and in a web worker, and with it the
 * smoke program runs against the loopback servers, which answer with CORS
 * headers, from the page's own origin.
 */
warnWithoutChromium('the browser tests')

const refusedInAPage = {
  name: 'InvalidArgumentError',
  issues: ['dangerouslyAllowBrowser: unsafe-environment'],
  namesTheSetting: true,
}

interface BrowserChecks {
  refused: Record<string, unknown>
  worker: unknown
  allowed: SmokeReport
}

/** Serves the bundled page from `localhost`, another origin than the API servers on 127.0.0.1. */
async function servePage(folder: string): Promise<{ url: string; close(): Promise<void> }> {
  const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript' }
  const server = createServer((request, response) => {
    const file = join(folder, new URL(request.url ?? '/', 'http://localhost').pathname.replace(/^\/+/, ''))
    if (!file.startsWith(folder) || !existsSync(file)) {
      response.writeHead(404).end()
      return
    }
    response.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' })
    response.end(readFileSync(file))
  })
  await new Promise<void>((resolve) => server.listen(0, 'localhost', resolve))
  const address = server.address()
  const port = typeof address === 'object' && address !== null ? address.port : 0
  return {
    url: `http://localhost:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

describe.skipIf(!runsInChromium)(`a web page in headless ${chromiumVersion()}`, () => {
  const { page: pageFolder, mocks } = inject('ecosystem')
  const cleanups: (() => Promise<void> | void)[] = []
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup()
  })

  it('refuses a client without dangerouslyAllowBrowser, and calls the servers with it', async () => {
    const [scenarios, site] = await Promise.all([startScenarioServer(), servePage(pageFolder)])
    cleanups.push(scenarios.close, site.close)
    const chromium = await launchChromium()
    cleanups.push(chromium.close)
    const { context } = chromium

    // Nothing may leave the machine: every request not to loopback is refused and remembered.
    const elsewhere: string[] = []
    await context.route('**/*', (route) => {
      const { hostname } = new URL(route.request().url())
      if (hostname === 'localhost' || hostname === '127.0.0.1') return route.continue()
      elsewhere.push(route.request().url())
      return route.abort()
    })
    const page = await context.newPage()
    const problems: string[] = []
    page.on('pageerror', (error) => problems.push(error.message))
    await page.goto(`${site.url}/index.html`)
    await page.waitForFunction(() => 'browserChecks' in globalThis)

    const config = { ...mocks, scenarios: `${scenarios.url}/chromium` } as SmokeConfig
    const checks = (await page.evaluate(
      ([config, workerUrl]) =>
        (
          globalThis as unknown as { browserChecks(config: unknown, workerUrl: string): Promise<unknown> }
        ).browserChecks(config, workerUrl),
      [config, `${site.url}/worker.js`] as const,
    )) as BrowserChecks

    expect(checks.refused).toEqual({
      createXtrakit: refusedInAPage,
      createShoptet: refusedInAPage,
      defaultInstance: refusedInAPage,
    })
    expect(checks.worker).toEqual({ refused: refusedInAPage, allowed: { status: 200 } })
    expect(checks.allowed).toEqual(expectedReport)
    // Retry-After, exposed through CORS, was honoured.
    const [first, second] = scenarios.requests.filter((request) => request.scenario === 'retry')
    expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(950)
    expect(elsewhere).toEqual([])
    expect(problems).toEqual([])
  })
})
