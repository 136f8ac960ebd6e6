import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { providerIds } from '@customer-groups/registry'
import { createShoptet } from '@customer-groups/shoptet'
import { type StatefulBackend, startStatefulBackend } from '@customer-groups/testing'
import { createXtrakit } from '@customer-groups/xtrakit'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chromiumVersion, launchChromium, runsInChromium, warnWithoutChromium } from './chromium.js'
import { runCommand } from './run-command.js'

/**
 * `customer-groups plan --format html` in headless Chromium: the page's grid
 * is the saved plan of the same run (every header, row, cell and total), it
 * makes no request and breaks no rule of its Content-Security-Policy, a
 * cell's changes open from the keyboard, and 200 targets × 50 groups render.
 * With CUSTOMER_GROUPS_UPDATE_SCREENSHOTS=1 it also writes the sample's
 * screenshot that the CLI's README shows (packages/cli/plan-page.png).
 */
warnWithoutChromium('the plan page tests')

const bin = fileURLToPath(
  import.meta.resolve('@customer-groups/cli/package.json').replace('package.json', 'dist/cli.js'),
)
const screenshot = fileURLToPath(
  import.meta.resolve('@customer-groups/cli/package.json').replace('package.json', 'plan-page.png'),
)

// A stateful fake of every registered provider; the sample below shows what two of them do.
let work: string
let backends: Record<string, StatefulBackend> = {}
let xtrakit: StatefulBackend
let shoptet: StatefulBackend
beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'cg-plan-page-'))
  backends = Object.fromEntries(
    await Promise.all(
      providerIds().map(async (id) => [id, await startStatefulBackend({ provider: id })] as const),
    ),
  )
  xtrakit = backends.xtrakit as StatefulBackend
  shoptet = backends.shoptet as StatefulBackend
})
afterAll(async () => {
  await Promise.all(Object.values(backends).map((backend) => backend.close()))
  if (work !== undefined) rmSync(work, { recursive: true, force: true })
})

const write = (name: string, text: string) => {
  const path = join(work, name)
  writeFileSync(path, text)
  return path
}

async function plan(args: string[], env: Record<string, string>) {
  const finished = await runCommand(process.execPath, [bin, 'plan', ...args], {
    cwd: work,
    env: {
      PATH: process.env.PATH ?? '',
      XTRAKIT_BASE_URL: xtrakit.url,
      SHOPTET_BASE_URL: shoptet.url,
      CUSTOMER_GROUPS_LOCK_DIR: work,
      ...env,
    },
    timeoutMs: 120_000,
  })
  expect(finished.stderr).not.toContain('unexpected error')
  return finished
}

interface SavedAction {
  type: string
  name: string
}
interface SavedTarget {
  provider: string
  account?: string
  ok: boolean
  actions: SavedAction[]
}

/** The grid a saved plan should show: headers, rows (desired groups first) and each cell's kind, and totals. */
function expectedGrid(targets: SavedTarget[]) {
  const desired: string[] = []
  const others: string[] = []
  for (const target of targets)
    for (const action of target.actions) {
      const rows = action.type === 'extra' || action.type === 'delete' ? others : desired
      if (!rows.includes(action.name)) rows.push(action.name)
    }
  const cell = (target: SavedTarget, name: string, section: 'desired' | 'other') => {
    if (!target.ok) return 'failed'
    const action = target.actions.find(
      (candidate) =>
        candidate.name === name &&
        (section === 'other') === (candidate.type === 'extra' || candidate.type === 'delete'),
    )
    return action?.type ?? (section === 'desired' ? 'missing' : 'none')
  }
  const count = (target: SavedTarget, type: string) =>
    target.actions.filter((action) => action.type === type).length
  return {
    headers: targets.map((target) =>
      target.account === undefined ? `${target.provider} default` : `${target.account} ${target.provider}`,
    ),
    rows: [
      ...desired.map((name) => ({ name, cells: targets.map((target) => cell(target, name, 'desired')) })),
      ...others.map((name) => ({ name, cells: targets.map((target) => cell(target, name, 'other')) })),
    ],
    totals: targets.map((target) =>
      target.ok
        ? ['create', 'update', 'delete', 'unchanged', 'extra'].map((type) => count(target, type)).join(' ')
        : 'failed',
    ),
  }
}

/** The grid as the page shows it. */
function gridOf(page: Page) {
  return page.evaluate(() => {
    const text = (element: Element | null) => element?.textContent ?? ''
    return {
      headers: [...document.querySelectorAll('thead th[data-target]')].map((th) =>
        text(th.querySelector('.target')),
      ),
      rows: [...document.querySelectorAll('tbody tr[data-group]')].map((row) => ({
        name: row.getAttribute('data-group') ?? '',
        cells: [...row.querySelectorAll('td')].map((td) => td.getAttribute('data-kind') ?? ''),
      })),
      // Each column's header totals its target.
      totals: [...document.querySelectorAll('thead th[data-target]')].map(
        (th) => th.getAttribute('data-totals') ?? '',
      ),
    }
  })
}

/** Opens the page from text (no URL to fetch), recording every request it makes and every error it logs. */
async function open(page: Page, html: string) {
  const requests: string[] = []
  const errors: string[] = []
  await page.route('**/*', (route) => {
    requests.push(route.request().url())
    return route.abort()
  })
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') errors.push(message.text())
  })
  page.on('pageerror', (error) => errors.push(error.message))
  await page.setContent(html, { waitUntil: 'load' })
  return { requests, errors }
}

describe.skipIf(!runsInChromium)(`the plan page in headless ${chromiumVersion()}`, () => {
  const cleanups: (() => Promise<void>)[] = []
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup()
  })

  it('shows the saved plan as a grid: every header, row, cell and total; no request; changes open from the keyboard', async () => {
    // Six shops, each a little different, one of them refusing its credential.
    const tokens = Object.fromEntries(
      ['XTRAKIT', 'XTRAKIT_EU', 'SHOPTET', 'SHOP_CZ', 'SHOP_SK', 'SHOP_HU'].map((name) => [
        name,
        `page-${name}`,
      ]),
    )
    const xtrakitEu = createXtrakit({ apiKey: tokens.XTRAKIT_EU, baseUrl: xtrakit.url })
    await xtrakitEu.updateCustomerGroup({
      id: '1',
      group_name: 'Premium Customers',
      group_description: 'Spent over $1000',
    })
    const shopCz = createShoptet({ accessToken: tokens.SHOP_CZ, baseUrl: shoptet.url })
    await shopCz.updateCustomerGroup({ id: 7, maxDiscount: '0.2000' })
    await shopCz.createCustomerGroup({ name: 'Summer sale 2023' })
    const shopSk = createShoptet({ accessToken: tokens.SHOP_SK, baseUrl: shoptet.url })
    await shopSk.updateCustomerGroup({ id: 7, name: 'Wholesale' })
    await shopSk.createCustomerGroup({ name: 'VIP customers', description: 'Customers with a loyalty card' })
    shoptet.revoke(tokens.SHOP_HU as string)
    const accounts = write(
      'accounts.yaml',
      [
        'xtrakit-eu: { provider: xtrakit, apiKeyEnv: XTRAKIT_EU_KEY }',
        'shop-cz: { provider: shoptet, accessTokenEnv: SHOP_CZ_TOKEN }',
        'shop-sk: { provider: shoptet, accessTokenEnv: SHOP_SK_TOKEN }',
        'shop-hu: { provider: shoptet, accessTokenEnv: SHOP_HU_TOKEN }',
        '',
      ].join('\n'),
    )
    write(
      'customer-groups.yaml',
      [
        'targets: [xtrakit, { account: xtrakit-eu }, shoptet, { account: shop-cz }, { account: shop-sk }, { account: shop-hu }]',
        'groups:',
        '  - { name: Premium Customers, description: Spent over $1000 }',
        '  - name: Wholesale partners',
        '    renamedFrom: [Wholesale]',
        '    providerOptions: { shoptet: { maxDiscount: "0.2000" } }',
        '  - { name: VIP customers, description: Customers with a loyalty card }',
        '  - { name: Retail }',
        '  - { name: "<img src=x onerror=alert(1)>" }',
        '',
      ].join('\n'),
    )
    const out = join(work, 'plan.json')
    const finished = await plan(
      ['customer-groups.yaml', '--accounts', accounts, '--prune', '--out', out, '--format', 'html'],
      {
        XTRAKIT_API_KEY: tokens.XTRAKIT as string,
        XTRAKIT_EU_KEY: tokens.XTRAKIT_EU as string,
        SHOPTET_ACCESS_TOKEN: tokens.SHOPTET as string,
        SHOP_CZ_TOKEN: tokens.SHOP_CZ as string,
        SHOP_SK_TOKEN: tokens.SHOP_SK as string,
        SHOP_HU_TOKEN: tokens.SHOP_HU as string,
      },
    )
    expect(finished.code).toBe(1)
    const saved = JSON.parse(readFileSync(out, 'utf8')) as { targets: SavedTarget[] }
    const expected = expectedGrid(saved.targets)
    // The sample shows every kind of cell.
    expect(new Set(expected.rows.flatMap((row) => row.cells))).toEqual(
      new Set(['create', 'update', 'delete', 'unchanged', 'extra', 'failed', 'none']),
    )

    const chromium = await launchChromium()
    cleanups.push(chromium.close)
    const page = await chromium.context.newPage()
    await page.setViewportSize({ width: 1000, height: 600 })
    const { requests, errors } = await open(page, finished.stdout)
    expect(await gridOf(page)).toEqual(expected)
    expect(await page.title()).toBe('Plan for customer-groups.yaml')
    // The hostile name is text: no image element, no handler ran.
    expect(await page.locator('img').count()).toBe(0)
    // The page's own style applied (its hash is in the policy), and colours each cell by what happens.
    const background = (kind: string) =>
      page
        .locator(`td[data-kind="${kind}"]`)
        .first()
        .evaluate((cell) => getComputedStyle(cell).backgroundColor)
    expect(await background('create')).toBe('rgb(218, 251, 225)')
    expect(await background('delete')).toBe('rgb(255, 216, 211)')

    // From the keyboard: Tab to the first cell with details, Enter opens its changes.
    let focused = ''
    for (let step = 0; step < 20 && focused !== 'SUMMARY'; step++) {
      await page.keyboard.press('Tab')
      focused = await page.evaluate(() => document.activeElement?.tagName ?? '')
    }
    expect(focused).toBe('SUMMARY')
    await page.keyboard.press('Enter')
    const opened = page.locator('details[open] .pop')
    await expect.poll(() => opened.isVisible()).toBe(true)
    expect(await opened.textContent()).toMatch(
      /description: "Customers who have spent over \$1000 and have been with the …" → "Spent over \$1000"/,
    )
    expect(requests).toEqual([])
    expect(errors).toEqual([])

    // The sample the README shows: the rename on shop-sk opened instead.
    await page.keyboard.press('Enter')
    await page.locator('tr[data-group="Wholesale partners"] td').nth(4).locator('summary').click()
    expect(await opened.textContent()).toContain('renamed from "Wholesale"')
    const image = join(work, 'plan-page.png')
    await page.screenshot({ path: image })
    expect(readFileSync(image).subarray(1, 4).toString()).toBe('PNG')
    if (process.env.CUSTOMER_GROUPS_UPDATE_SCREENSHOTS === '1') copyFileSync(image, screenshot)
  }, 120_000)

  it('renders 200 targets × 50 groups: every cell there, the headers and the group names stay in view when scrolled', async () => {
    const names = Array.from({ length: 200 }, (_, index) => `shop-${String(index + 1).padStart(3, '0')}`)
    const accounts = write(
      'accounts-200.yaml',
      names
        .map((name, index) => {
          const variable = `TOKEN_${index + 1}`
          return index % 2 === 0
            ? `${name}: { provider: xtrakit, apiKeyEnv: ${variable} }`
            : `${name}: { provider: shoptet, accessTokenEnv: ${variable} }`
        })
        .join('\n'),
    )
    const groups = Array.from(
      { length: 50 },
      (_, index) => `  - { name: "Group ${index + 1}", description: "Tier ${index + 1}" }`,
    )
    write(
      'desired-200.yaml',
      ['targets:', ...names.map((name) => `  - account: ${name}`), 'groups:', ...groups, ''].join('\n'),
    )
    const env = Object.fromEntries(names.map((_, index) => [`TOKEN_${index + 1}`, `page-large-${index + 1}`]))
    const finished = await runCommand(
      process.execPath,
      [bin, 'plan', join(work, 'desired-200.yaml'), '--accounts', accounts, '--format', 'html'],
      {
        env: {
          PATH: process.env.PATH ?? '',
          XTRAKIT_BASE_URL: xtrakit.url,
          SHOPTET_BASE_URL: shoptet.url,
          ...env,
        },
        timeoutMs: 120_000,
      },
    )
    expect(finished.code).toBe(3)
    const bytes = Buffer.byteLength(finished.stdout)
    // About 200 bytes a cell with its changes on demand (2 MB in all): a page a browser opens at once.
    expect(bytes).toBeLessThan(3 * 1024 * 1024)

    const chromium = await launchChromium()
    cleanups.push(chromium.close)
    const page = await chromium.context.newPage()
    await page.setViewportSize({ width: 1280, height: 800 })
    const { requests, errors } = await open(page, finished.stdout)
    // 50 desired groups and the two each provider's shops start with beside them (4 extra rows).
    expect(await page.locator('tbody tr[data-section="desired"]').count()).toBe(50)
    expect(await page.locator('thead th[data-target]').count()).toBe(200)
    expect(await page.locator('tbody td').count()).toBe(200 * (50 + 4))
    expect(await page.locator('tbody td[data-kind="create"]').count()).toBe(200 * 50)
    // Scrolled to the far corner, the target headers and the group names are still on screen.
    await page
      .locator('.scroll')
      .evaluate((element) => element.scrollTo(element.scrollWidth, element.scrollHeight))
    const header = await page.locator('thead th[data-target="199"]').boundingBox()
    const firstName = await page.locator('tbody tr[data-group] th').last().boundingBox()
    expect(header?.y).toBeGreaterThanOrEqual(0)
    expect(header?.y).toBeLessThan(800)
    expect(firstName?.x).toBeGreaterThanOrEqual(0)
    expect(firstName?.x).toBeLessThan(300)
    expect(requests).toEqual([])
    expect(errors).toEqual([])
  }, 180_000)
})
