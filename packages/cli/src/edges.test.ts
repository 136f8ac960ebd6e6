import { execFile } from 'node:child_process'
import { type StatefulBackend, startStatefulBackend } from '@customer-groups/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bin, cli, file } from '../test-support.js'

// Round 3 of hostile files and pipes, on loopback servers that keep groups as the APIs do.
let shoptet: StatefulBackend
beforeAll(async () => {
  shoptet = await startStatefulBackend({ provider: 'shoptet' })
})
afterAll(async () => {
  await shoptet?.close()
})

let shops = 0
const freshShop = () => ({ SHOPTET_BASE_URL: shoptet.url, SHOPTET_ACCESS_TOKEN: `cli-edges-${++shops}` })

describe('a token pasted where an environment variable name belongs', () => {
  const pasted = 'shptoken_LIVE_9f8e7d6c5b4a3210fedcba98'
  it.each([[[]], [['--json']]])('is refused without being printed back (%j)', async (extra) => {
    const accounts = file(
      'pasted-accounts.yaml',
      `shop-a:\n  provider: shoptet\n  accessTokenEnv: ${pasted}\n`,
    )
    const desired = file('pasted-desired.yaml', 'targets:\n  - account: shop-a\ngroups:\n  - name: VIP\n')
    const result = await cli(['plan', desired, '--accounts', accounts, ...extra], freshShop())
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('shop-a.accessTokenEnv: must be the name of an environment variable')
    expect(result.stdout + result.stderr).not.toContain(pasted)
    expect(result.stdout + result.stderr).not.toContain('shptoken')
  })
})

describe('a closed stdout pipe', () => {
  it.each([
    ['plan --json', ['--json'], 3],
    ['plan', [], 3],
  ])(
    '%s | head -c 10 ends quietly with the command own exit code',
    async (_, extra, code) => {
      const groups = Array.from(
        { length: 3000 },
        (_, index) => `  - name: Group ${index} with a name long enough to fill a pipe`,
      )
      const desired = file(
        'many.yaml',
        ['targets:', '  - provider: shoptet', 'groups:', ...groups].join('\n'),
      )
      const script = `"${process.execPath}" "${bin}" plan "${desired}" ${extra.join(' ')} | head -c 10 >/dev/null; echo "exit=\${PIPESTATUS[0]}" >&2`
      const result = await new Promise<{ stderr: string }>((resolve) => {
        execFile(
          '/bin/bash',
          ['--noprofile', '--norc', '-c', script],
          { env: { PATH: process.env.PATH ?? '', ...freshShop() } },
          (_error, _stdout, stderr) => resolve({ stderr }),
        )
      })
      expect(result.stderr).not.toContain('EPIPE')
      expect(result.stderr).not.toContain('Unhandled')
      expect(result.stderr.trim()).toBe(`exit=${code}`)
    },
    30_000,
  )
})

describe('plan lists at most 200 problems', () => {
  it('and says how many more there are', async () => {
    const groups = Array.from({ length: 1000 }, () => '  - { name: "" }')
    const desired = file(
      'bad-groups.yaml',
      ['targets:', '  - provider: shoptet', 'groups:', ...groups].join('\n'),
    )
    const result = await cli(['plan', desired], freshShop())
    expect(result.code).toBe(2)
    const listed = result.stderr.split('\n').filter((line) => /^ {2}line \d+: groups\[\d+\]/.test(line))
    expect(listed).toHaveLength(200)
    expect(result.stderr).toContain('… and 800 more (only the first 200 are listed)')
  })
})

describe('two accounts on one shop, spelled two ways', () => {
  it.each([
    ['127.0.0.1 and localhost', (port: string) => [`http://127.0.0.1:${port}`, `http://localhost:${port}`]],
    [
      'localhost with and without a trailing slash and [::1]',
      (port: string) => [`http://localhost:${port}/`, `http://[::1]:${port}`],
    ],
    [
      'the default server and the same one written with its port',
      () => [undefined, 'https://api.myshoptet.com:443/'],
    ],
  ])('%s are recognised before anything is sent', async (_, urls) => {
    const [first, second] = urls(new URL(shoptet.url).port)
    const accounts = file(
      'one-shop-accounts.yaml',
      [
        'shop-a:',
        '  provider: shoptet',
        '  accessTokenEnv: SHOP_TOKEN',
        ...(first === undefined ? [] : ['  baseUrlEnv: SHOP_A_URL']),
        'shop-b:',
        '  provider: shoptet',
        '  accessTokenEnv: SHOP_TOKEN',
        '  baseUrlEnv: SHOP_B_URL',
      ].join('\n'),
    )
    const desired = file(
      'one-shop.yaml',
      'targets:\n  - account: shop-a\n  - account: shop-b\ngroups:\n  - name: VIP\n',
    )
    const before = shoptet.requests.length
    const result = await cli(['plan', desired, '--accounts', accounts], {
      SHOP_TOKEN: `cli-one-shop-${++shops}`,
      ...(first === undefined ? {} : { SHOP_A_URL: first }),
      SHOP_B_URL: second as string,
    })
    expect(result.code, result.stderr).toBe(2)
    expect(result.stderr).toContain('is the same shop as account shop-a (shoptet)')
    expect(shoptet.requests.length).toBe(before)
  })
})

describe('sync --prune and near-duplicate names', () => {
  const desired = () =>
    file(
      'near.yaml',
      'targets:\n  - provider: shoptet\ngroups:\n  - name: Retail\n  - name: "wholesale partners "\n',
    )

  it('plan warns, and sync refuses to delete a group named nearly like a desired one', async () => {
    const shop = freshShop()
    const planned = await cli(['plan', desired(), '--prune'], shop)
    expect(planned.code).toBe(3)
    expect(planned.stdout).toContain('nearly matches the desired "wholesale partners "')
    const before = shoptet.requests.length
    const synced = await cli(
      [
        'sync',
        desired(),
        '--prune',
        '--yes',
        '--journal',
        `${file('near-refused.placeholder', '')}.journal.jsonl`,
      ],
      shop,
    )
    expect(synced.code).toBe(2)
    expect(synced.stderr).toContain('"Wholesale partners" (id 7) nearly matches "wholesale partners "')
    expect(synced.stderr).toContain('--allow-near-matches')
    expect(shoptet.requests.slice(before).filter((request) => request.method !== 'GET')).toEqual([])
  })

  it('sync deletes it with --allow-near-matches', async () => {
    const shop = freshShop()
    const journal = `${file('near-allowed.placeholder', '')}.journal.jsonl`
    const before = shoptet.requests.length
    const synced = await cli(
      ['sync', desired(), '--prune', '--yes', '--allow-near-matches', '--journal', journal],
      shop,
    )
    expect(synced.code, synced.stderr).toBe(0)
    const writes = shoptet.requests.slice(before).filter((request) => request.method !== 'GET')
    expect(writes.map((request) => `${request.method} ${request.url}`)).toContain(
      'DELETE /api/customers/groups/7',
    )
  })
})
