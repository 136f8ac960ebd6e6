import { readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs'
import { createShoptet } from '@customer-groups/shoptet'
import { type StatefulBackend, startStatefulBackend } from '@customer-groups/testing'
import { createXtrakit } from '@customer-groups/xtrakit'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cli, file, journalRecords, work } from '../test-support.js'

// Reviewable plans end to end, against loopback servers that keep groups as the APIs do (one shop per
// token): plan --out, review as Markdown or HTML, sync --plan applying exactly that, and refusing what
// went stale in between.
let xtrakit: StatefulBackend
let shoptet: StatefulBackend
beforeAll(async () => {
  ;[xtrakit, shoptet] = await Promise.all([
    startStatefulBackend({ provider: 'xtrakit' }),
    startStatefulBackend({ provider: 'shoptet' }),
  ])
})
afterAll(async () => {
  await Promise.all([xtrakit?.close(), shoptet?.close()])
})

let shops = 0
/** Credentials of fresh shops, seeded from the specs' examples. */
function fresh() {
  const token = `cli-plans-${++shops}-${'s'.repeat(16)}`
  return {
    token,
    env: {
      XTRAKIT_BASE_URL: xtrakit.url,
      SHOPTET_BASE_URL: shoptet.url,
      XTRAKIT_API_KEY: token,
      SHOPTET_ACCESS_TOKEN: token,
      // Locks of these runs stay out of the user's temporary folder.
      CUSTOMER_GROUPS_LOCK_DIR: work,
    },
    /** A colleague, changing the shops with the providers' own clients. */
    xtrakit: createXtrakit({ apiKey: token, baseUrl: xtrakit.url }),
    shoptet: createShoptet({ accessToken: token, baseUrl: shoptet.url }),
  }
}
const mark = () => [xtrakit.requests.length, shoptet.requests.length] as const
const writesSince = (backend: StatefulBackend, from: number) =>
  backend.requests.slice(from).filter((request) => request.method !== 'GET')

const desired = (name: string, groups: string[], targets = 'targets: [xtrakit, shoptet]') =>
  file(name, [targets, 'groups:', ...groups, ''].join('\n'))
const standard = [
  '  - name: Premium Customers',
  '    description: Spent over $1000',
  '  - name: Wholesale partners',
  '    providerOptions: { shoptet: { maxDiscount: "0.2000" } }',
  '  - name: VIP customers',
]

describe('plan --out and sync --plan', () => {
  it('saves the plan with format, version and shop fingerprints, never a credential, and applies exactly it', async () => {
    const shop = fresh()
    const path = desired('plans-basic.yaml', standard)
    const out = `${path}.plan.json`
    const planned = await cli(['plan', path, '--out', out], shop.env)
    expect(planned.code).toBe(3)
    expect(planned.stdout).toContain('~ update "Premium Customers" (id 1)')
    expect(planned.stderr).toContain(
      `Plan saved to ${out}: apply exactly it with customer-groups sync --plan ${out}`,
    )
    const text = readFileSync(out, 'utf8')
    const saved = JSON.parse(text)
    expect(saved).toMatchObject({ format: 'customer-groups-plan', version: 1, prune: false })
    expect(
      saved.targets.map((target: { provider: string; shop: string }) => [
        target.provider,
        target.shop.length,
      ]),
    ).toEqual([
      ['xtrakit', 32],
      ['shoptet', 32],
    ])
    expect(text).not.toContain(shop.token)
    expect(text).not.toContain(shoptet.url)

    const before = mark()
    const synced = await cli(['sync', '--plan', out, '--yes'], shop.env)
    expect(synced.code).toBe(0)
    expect(synced.stdout).toContain(`Plan for ${out}`)
    expect(synced.stdout).toContain('Sync: 6 done (1 with warnings), 0 failed, 0 stale')
    // One list per target to check the plan, then only the planned writes.
    expect(
      writesSince(xtrakit, before[0])
        .map((request) => request.method)
        .sort(),
    ).toEqual(['POST', 'POST', 'PUT'])
    expect(
      writesSince(shoptet, before[1])
        .map((request) => request.method)
        .sort(),
    ).toEqual(['PATCH', 'POST', 'POST'])
    const journal = `${out}.sync-journal.jsonl`
    expect(journalRecords(journal)[0]).toMatchObject({ journal: 'customer-groups sync' })

    // Run again, it resumes its journal: everything was done, nothing is sent again.
    const again = mark()
    const second = await cli(['sync', '--plan', out, '--yes'], shop.env)
    expect(second.code).toBe(0)
    expect([...writesSince(xtrakit, again[0]), ...writesSince(shoptet, again[1])]).toEqual([])
  })

  it("keeps a colleague's edit made between plan --out and sync --plan, and exits 1", async () => {
    const shop = fresh()
    const path = desired('plans-colleague.yaml', standard)
    const out = `${path}.plan.json`
    expect((await cli(['plan', path, '--out', out], shop.env)).code).toBe(3)
    await shop.xtrakit.updateCustomerGroup({
      id: '1',
      group_name: 'Premium Customers',
      group_description: 'A colleague',
    })
    const before = mark()
    const synced = await cli(['sync', '--plan', out, '--yes', '--json'], shop.env)
    expect(synced.code).toBe(1)
    expect(synced.stderr).toContain('Sync: 5 done (1 with warnings), 0 failed, 1 stale')
    expect(synced.stderr).toContain(
      'stale xtrakit (default account): update "Premium Customers" (id 1): not sent, changed since the plan: description "Customers who',
    )
    expect(synced.stderr).toContain('→ "A colleague"')
    const result = JSON.parse(synced.stdout)
    expect(result.ok).toBe(false)
    expect(result.counts).toMatchObject({ stale: 1, done: 5 })
    expect(result.results.find((entry: { status: string }) => entry.status === 'stale')).toMatchObject({
      provider: 'xtrakit',
      type: 'update',
      id: '1',
      stale: {
        kind: 'updated',
        changes: expect.arrayContaining([
          expect.objectContaining({ field: 'description', found: 'A colleague' }),
        ]),
      },
    })
    expect(writesSince(xtrakit, before[0]).map((request) => request.method)).toEqual(['POST', 'POST'])
    expect(xtrakit.views(shop.token).find((group) => group.id === 1)?.description).toBe('A colleague')
    expect(journalRecords(`${out}.sync-journal.jsonl`)).toContainEqual(
      expect.objectContaining({ kind: 'updated', stale: expect.stringMatching(/^[0-9a-f]{16}$/) }),
    )
  })

  it('does not delete a group renamed after a --prune plan', async () => {
    const shop = fresh()
    const path = desired('plans-prune.yaml', ['  - name: Retail'], 'targets: [shoptet]')
    const out = `${path}.plan.json`
    const planned = await cli(['plan', path, '--prune', '--out', out], shop.env)
    expect(planned.stdout).toContain('- delete "Wholesale partners" (id 7)')
    await shop.shoptet.updateCustomerGroup({ id: 7, name: 'Wholesale EU' })
    const before = shoptet.requests.length
    const synced = await cli(['sync', '--plan', out, '--yes'], shop.env)
    expect(synced.code).toBe(1)
    expect(synced.stdout).toContain(
      'stale shoptet (default account): delete "Wholesale partners" (id 7): not sent, renamed since the plan: name "Wholesale partners" → "Wholesale EU"',
    )
    expect(writesSince(shoptet, before)).toEqual([])
    expect(shoptet.views(shop.token).map((group) => group.name)).toEqual(['Retail', 'Wholesale EU'])
    // --prune belongs to the plan, not to sync --plan.
    const mixed = await cli(['sync', '--plan', out, '--prune', '--yes'], shop.env)
    expect(mixed.code).toBe(2)
  })

  it('refuses a plan made for another shop, or by another version, or edited by hand, with exit 2, sending nothing', async () => {
    const shop = fresh()
    const path = desired('plans-refused.yaml', standard)
    const out = `${path}.plan.json`
    expect((await cli(['plan', path, '--out', out], shop.env)).code).toBe(3)
    const other = fresh()
    const before = mark()
    const elsewhere = await cli(['sync', '--plan', out, '--yes'], other.env)
    expect(elsewhere.code).toBe(2)
    expect(elsewhere.stderr).toContain(`${out} cannot be applied here; nothing was sent:`)
    expect(elsewhere.stderr).toContain(
      'targets[0].shop: the plan was made for another shop than xtrakit (default account) reaches now (another credential or base URL): make a new plan for this shop (conflict)',
    )
    expect(elsewhere.stderr).not.toContain(other.token)
    const moved = await cli(['sync', '--plan', out, '--yes'], { ...shop.env, SHOPTET_BASE_URL: xtrakit.url })
    expect(moved.code).toBe(2)
    expect(moved.stderr).toContain('targets[1].shop: the plan was made for another shop than shoptet')

    const saved = JSON.parse(readFileSync(out, 'utf8'))
    const variant = (name: string, edit: (plan: typeof saved) => void) => {
      const copy = structuredClone(saved)
      edit(copy)
      return file(name, JSON.stringify(copy))
    }
    const newer = await cli(
      [
        'sync',
        '--plan',
        variant('plans-v2.json', (plan) => {
          plan.version = 2
        }),
        '--yes',
      ],
      shop.env,
    )
    expect(newer.code).toBe(2)
    expect(newer.stderr).toContain(
      'version: is 2; this version of @customer-groups/client reads plan version 1: make the plan again (enum)',
    )
    const smuggled = await cli(
      [
        'sync',
        '--plan',
        variant('plans-smuggled.json', (plan) => {
          plan.targets[1].baseUrl = 'https://attacker.example'
          plan.targets[1].actions[0].request.headers = { 'shoptet-access-token': 'x' }
        }),
        '--yes',
      ],
      shop.env,
    )
    expect(smuggled.code).toBe(2)
    expect(smuggled.stderr).toContain('targets[1].baseUrl: is not a field here')
    expect(smuggled.stderr).toContain('targets[1].actions[0].request.headers: is not a field here')
    const notJson = await cli(['sync', '--plan', file('plans-broken.json', '{"format":'), '--yes'], shop.env)
    expect(notJson.code).toBe(2)
    expect(notJson.stderr).toContain('plan: is not JSON')
    const huge = file('plans-huge.json', '')
    truncateSync(huge, 9 * 1024 * 1024)
    const tooBig = await cli(['sync', '--plan', huge, '--yes'], shop.env)
    expect(tooBig.code).toBe(2)
    expect(tooBig.stderr).toContain(`Cannot read the plan ${huge}: larger than 8 MiB`)
    rmSync(huge)
    const device = await cli(['sync', '--plan', '/dev/zero', '--yes'], shop.env)
    expect(device).toMatchObject({ code: 2 })
    expect(device.stderr).toContain('Cannot read the plan /dev/zero: not a regular file')
    expect(mark()).toEqual(before)
  })
})

describe('renamedFrom', () => {
  it('renames the group, keeping its id (and its customers), instead of create and delete', async () => {
    const shop = fresh()
    const path = desired(
      'plans-renamed.yaml',
      ['  - name: Retail', '  - name: Partners', '    renamedFrom: [Wholesale partners]'],
      'targets: [shoptet]',
    )
    const planned = await cli(['plan', path, '--prune'], shop.env)
    expect(planned.code).toBe(3)
    expect(planned.stdout).toContain(
      '~ update "Partners" (id 7)\n      name: "Wholesale partners" → "Partners"',
    )
    expect(planned.stdout).not.toContain('- delete')
    const before = shoptet.requests.length
    const synced = await cli(['sync', path, '--prune', '--yes'], shop.env)
    expect(synced.code).toBe(0)
    expect(writesSince(shoptet, before).map((request) => `${request.method} ${request.url}`)).toEqual([
      'PATCH /api/customers/groups/7',
    ])
    expect(shoptet.views(shop.token)).toEqual([
      expect.objectContaining({ id: 1, name: 'Retail' }),
      expect.objectContaining({ id: 7, name: 'Partners' }),
    ])
  })

  it('fails the target with a clear message when the old and the new name are both there', async () => {
    const shop = fresh()
    const path = desired(
      'plans-rename-clash.yaml',
      ['  - name: Retail', '    renamedFrom: [Wholesale partners]'],
      'targets: [shoptet]',
    )
    const planned = await cli(['plan', path], shop.env)
    expect(planned.code).toBe(1)
    expect(planned.stdout).toContain(
      'shoptet (default account): could not be planned: shoptet has groups under both its new name and an old name of renamedFrom of "Retail": "Retail" (id 1), "Wholesale partners" (id 7)',
    )
  })
})

describe('--target', () => {
  it('--target shoptet plans and syncs Shoptet only: Xtrakit gets no request, and needs no credential', async () => {
    const shop = fresh()
    const path = desired('plans-target.yaml', standard)
    const env = { ...shop.env, XTRAKIT_API_KEY: '' }
    const before = mark()
    const planned = await cli(['plan', path, '--target', 'shoptet', '--out', `${path}.plan.json`], env)
    expect(planned.code).toBe(3)
    expect(planned.stdout).not.toContain('xtrakit')
    const synced = await cli(['sync', path, '--target', 'shoptet', '--yes'], env)
    expect(synced.code).toBe(0)
    expect(synced.stdout).toContain('Sync: 3 done')
    const fromPlan = await cli(['sync', '--plan', `${path}.plan.json`, '--target', 'shoptet', '--yes'], env)
    // Applied once already by the sync above: what it would change is stale now, and it says so.
    expect(fromPlan.code).toBe(1)
    expect(fromPlan.stdout).toContain('0 done')
    expect(xtrakit.requests.length).toBe(before[0])
    expect(shoptet.requests.length).toBeGreaterThan(before[1])
  })

  it('takes an account name, and refuses a name that is no target (exit 2, nothing sent)', async () => {
    const shop = fresh()
    const accounts = file(
      'plans-accounts.yaml',
      'shop-b: { provider: shoptet, accessTokenEnv: SHOP_B_TOKEN }\n',
    )
    const path = desired(
      'plans-accounts-target.yaml',
      standard,
      'targets: [xtrakit, shoptet, { account: shop-b }]',
    )
    const env = { ...shop.env, SHOP_B_TOKEN: `${shop.token}-b` }
    const before = mark()
    const planned = await cli(['plan', path, '--accounts', accounts, '--target', 'shop-b', '--json'], env)
    expect(planned.code).toBe(3)
    expect(JSON.parse(planned.stdout).targets.map((target: { account?: string }) => target.account)).toEqual([
      'shop-b',
    ])
    expect(xtrakit.requests.length).toBe(before[0])
    const unknown = await cli(['plan', path, '--accounts', accounts, '--target', 'nope'], env)
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toContain(
      '--target nope: no target is the account nope or the default account of a provider nope (targets: xtrakit, shoptet, shop-b)',
    )
    expect(mark()[0]).toBe(before[0])
  })
})

describe('plan --format', () => {
  const hostile = 'Evil | [x](https://e.x) <script>@here #1 *b* `c`'

  it('markdown: a summary line and a table per target, hostile names escaped so no cell, link or markup appears', async () => {
    const shop = fresh()
    const path = desired('plans-markdown.yaml', [...standard, `  - name: ${JSON.stringify(hostile)}`])
    const markdown = await cli(['plan', path, '--format', 'markdown'], shop.env)
    expect(markdown.code).toBe(3)
    const lines = markdown.stdout.trimEnd().split('\n')
    expect(lines[2]).toBe(
      '**8 change(s)** on 2 target(s): 6 to create, 2 to update, 0 to delete; 0 unchanged, 2 extra',
    )
    expect(lines).toContain('#### xtrakit (default account)')
    expect(lines).toContain('| Group | Change | Fields (from → to) |')
    const rows = lines.filter((line) => line.startsWith('| '))
    // Every row has its three cells: no pipe of a name made a fourth.
    for (const row of rows) expect(row.replace(/\\\|/g, '').split('|')).toHaveLength(5)
    const evil = rows.find((row) => row.includes('Evil')) as string
    // Shown as entities, which GitHub prints as the characters and acts on none of them.
    expect(evil.replace(/&#\d+;/g, '')).not.toMatch(/[<>[\]()@#*`]|https:/)
    expect(evil).toContain(
      'Evil &#124; &#91;x&#93;&#40;https&#58;//e.x&#41; &#60;script&#62;&#64;here &#35;1 &#42;b&#42; &#96;c&#96;',
    )
    expect(markdown.stdout).toContain(
      '| "Premium Customers" (id 1) | ✏️ update | description: "Customers who have spent over &#36;1000 and have been with the …" → "Spent over &#36;1000" |',
    )
  })

  it('html: one page with the grid, a strict Content-Security-Policy, and every name escaped', async () => {
    const shop = fresh()
    const path = desired('plans-html.yaml', [...standard, `  - name: ${JSON.stringify(hostile)}`])
    const html = await cli(['plan', path, '--format', 'html'], shop.env)
    expect(html.code).toBe(3)
    expect(html.stdout).toMatch(/^<!doctype html>/)
    expect(html.stdout).toMatch(
      /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'sha256-[^']+'/,
    )
    expect(html.stdout).not.toContain('<script')
    expect(html.stdout).toContain('Evil | [x](https://e.x) &lt;script&gt;@here')
    expect(html.stdout).not.toMatch(/\b(src|href)=/)
    expect(html.stdout.match(/<tr data-group=/g)).toHaveLength(6)
  })

  it('--json stays the alias of --format json; two formats, an unknown one or an unwritable --out are exit 2', async () => {
    const shop = fresh()
    const path = desired('plans-formats.yaml', standard)
    const [alias, json] = await Promise.all([
      cli(['plan', path, '--json'], shop.env),
      cli(['plan', path, '--format', 'json'], shop.env),
    ])
    expect(JSON.parse(alias.stdout)).toEqual(JSON.parse(json.stdout))
    const before = mark()
    for (const args of [
      ['--json', '--format', 'markdown'],
      ['--format', 'pdf'],
      ['--out', `${work}/no-such-folder/plan.json`],
      ['--out', work],
    ]) {
      const refused = await cli(['plan', path, ...args], shop.env)
      expect(refused.code).toBe(2)
    }
    expect(mark()).toEqual(before)
    writeFileSync(`${path}.unused`, '')
  })
})
