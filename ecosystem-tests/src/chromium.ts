import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type BrowserContext, chromium } from 'playwright-core'

/**
 * The headless Chromium the suite drives: Debian's package (which .ci/run
 * installs), or `CHROMIUM_PATH`. Without it the browser tests are skipped
 * with a warning outside CI, and fail in CI (`CI` set).
 */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
export const chromiumAvailable = existsSync(chromiumPath)
/** Whether a file's browser tests run: with a Chromium, or in CI, where its absence must fail them. */
export const runsInChromium = chromiumAvailable || process.env.CI !== undefined

/** Says, once per file, why its browser tests are skipped (or will fail). */
export function warnWithoutChromium(what: string): void {
  if (!chromiumAvailable)
    console.warn(`No Chromium at ${chromiumPath}: ${what} ${process.env.CI ? 'fail' : 'are skipped'}`)
}

/** `Chromium 156.0.8078.108`, for a test's name. */
export function chromiumVersion(): string {
  if (!chromiumAvailable) return 'Chromium'
  const text = execFileSync(chromiumPath, ['--version'], {
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

/** A headless Chromium with a profile of its own; `close` removes both. */
export async function launchChromium(): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const profile = mkdtempSync(join(tmpdir(), 'cg-chromium-'))
  try {
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: chromiumPath,
      headless: true,
      args: flags,
    })
    return {
      context,
      async close() {
        await context.close()
        rmSync(profile, { recursive: true, force: true })
      },
    }
  } catch (error) {
    rmSync(profile, { recursive: true, force: true })
    throw error
  }
}
