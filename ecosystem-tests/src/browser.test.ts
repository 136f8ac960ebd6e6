import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:http'
import { tmpdir } from 'node:os'
import { extname, join } from 'node:path'
import { chromium } from 'playwright-core'
import { afterAll, describe, expect, inject, it } from 'vitest'
import type { SmokeConfig, SmokeReport } from '../smoke/smoke.js'
import { expectedReport } from './expected-report.js'
import { startScenarioServer } from './scenario-server.js'

/**
 * A page that bundles the clients, in headless Chromium (Debian's package,
 * which .ci/run installs): a client is refused without
 * `dangerouslyAllowBrowser`, in the page and in a web worker, and with it the
 * smoke program runs against the loopback servers, which answer with CORS
 * headers, from the page's own origin.
 */
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const available = existsSync(executablePath)
if (!available)
  console.warn(
    `No Chromium at ${executablePath}: the browser tests ${process.env.CI ? 'fail' : 'are skipped'}`,
  )
/** `Chromium 156.0.8078.108`, for the test's name. */
function chromiumVersion(): string {
  if (!available) return 'Chromium'
  const text = execFileSync(executablePath, ['--version'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  })
  return /Chromium [\d.]+/.exec(text)?.[0] ?? 'Chromium'
}

// Without the last five, Chromium keeps calling home, which this network refuses.
const flags = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

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

describe.skipIf(!available && process.env.CI === undefined)(
  `a web page in headless ${chromiumVersion()}`,
  () => {
    const { page: pageFolder, mocks } = inject('ecosystem')
    const cleanups: (() => Promise<void> | void)[] = []
    afterAll(async () => {
      for (const cleanup of cleanups.reverse()) await cleanup()
    })

    it('refuses a client without dangerouslyAllowBrowser, and calls the servers with it', async () => {
      const [scenarios, site] = await Promise.all([startScenarioServer(), servePage(pageFolder)])
      cleanups.push(scenarios.close, site.close)
      const profile = mkdtempSync(join(tmpdir(), 'cg-chromium-'))
      cleanups.push(() => rmSync(profile, { recursive: true, force: true }))
      const context = await chromium.launchPersistentContext(profile, {
        executablePath,
        headless: true,
        args: flags,
      })
      cleanups.push(() => context.close())

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
  },
)
