import { spawn } from 'node:child_process'
import { copyFileSync, existsSync, rmSync, truncateSync } from 'node:fs'
import { type StatefulBackend, startStatefulBackend } from '@customer-groups/testing'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { answering, bin, cli, file, journalRecords, spawnCli } from '../test-support.js'

// Recording loopback servers that keep groups as the APIs do (one shop per token). That the same
// exchanges pass the specs is proven against the stateful Prism mocks by the client's contract tests.
let xtrakit: StatefulBackend
let shoptet: StatefulBackend
beforeAll(async () => {
  ;[xtrakit, shoptet] = await Promise.all([
    startStatefulBackend({ provider: 'xtrakit' }),
    // Slow writes, so a run can be killed half way.
    startStatefulBackend({
      provider: 'shoptet',
      delayMs: (request) => (request.method === 'GET' ? 0 : 40),
    }),
  ])
})
afterAll(async () => {
  await Promise.all([xtrakit?.close(), shoptet?.close()])
})
const urls = () => ({ xtrakit: xtrakit.url, shoptet: shoptet.url })
const writes = (backend: StatefulBackend, from = 0) =>
  backend.requests.slice(from).filter((request) => request.method !== 'GET')

let tokens = 0
/** Credentials of fresh shops: the stateful servers keep one shop per token, seeded from the specs' examples. */
function shopsOn(urls: { xtrakit: string; shoptet: string }) {
  const token = `cli-sync-${++tokens}`
  return {
    token,
    env: {
      XTRAKIT_BASE_URL: urls.xtrakit,
      SHOPTET_BASE_URL: urls.shoptet,
      XTRAKIT_API_KEY: token,
      SHOPTET_ACCESS_TOKEN: token,
    },
  }
}

const desired = (name: string, extra = '') =>
  file(
    name,
    [
      'targets:',
      '  - provider: xtrakit',
      '  - provider: shoptet',
      'groups:',
      '  - name: Premium Customers',
      '    description: Spent over $1000',
      '  - name: Wholesale partners',
      '    providerOptions: { shoptet: { maxDiscount: "0.2000" } }',
      '  - name: "VIP \\e[31m customers"',
      extra,
    ].join('\n'),
  )

describe('plan and sync', () => {
  it('plan exits 3 while something would change and 0 once sync has changed it; server text is escaped', async () => {
    const { env } = shopsOn(urls())
    const path = desired('plan-exit.yaml')
    const before = await cli(['plan', path], env)
    expect(before.code).toBe(3)
    expect(before.stdout).toContain('~ update "Premium Customers" (id 1)')
    expect(before.stdout).toContain(String.raw`+ create "VIP \u001b[31m customers"`)
    expect(before.stdout).toContain('providerOptions.shoptet.maxDiscount: "0.1500" → "0.2000"')
    expect(before.stdout).toContain(
      'warning: providerOptions.shoptet.maxDiscount: xtrakit has no maxDiscount',
    )
    // Xtrakit cannot delete, so --prune would not change its extra group; Shoptet's would go.
    expect(before.stdout).toContain(
      '? extra "Trade Buyers" (id 2): not in the file, and kept (xtrakit cannot delete groups)',
    )
    expect(before.stdout).toContain('? extra "Retail" (id 1): not in the file (--prune would delete it)')
    expect(before.stdout).not.toContain('"Trade Buyers" (id 2): not in the file (--prune')
    expect(before.stdout).not.toContain('\u001b')
    const json = await cli(['plan', path, '--json'], env)
    expect(json.code).toBe(3)
    expect(JSON.parse(json.stdout)).toMatchObject({
      ok: true,
      changes: 6,
      targets: [{ provider: 'xtrakit' }, {}],
    })

    const synced = await cli(['sync', path, '--yes'], env)
    expect(synced.code).toBe(0)
    expect(synced.stdout).toContain('Sync: 6 done (1 with warnings), 0 failed')
    const after = await cli(['plan', path], env)
    expect(after.code).toBe(0)
    expect(after.stdout).toContain('No changes: 0 to create, 0 to update, 0 to delete; 6 unchanged, 2 extra.')
    const again = await cli(['sync', path, '--yes'], env)
    expect(again.code).toBe(0)
    expect(again.stdout).toContain('Nothing to change: every target matches the file.')
  })

  it('refuses bad files and unusable accounts with exit 2, naming lines, before sending', async () => {
    const { env } = shopsOn(urls())
    const bad = file(
      'plan-bad.yaml',
      [
        'targets:',
        '  - provider: nope',
        '  - account: shop-a',
        'groups:',
        '  - name: ""',
        'extra: 1',
        '',
      ].join('\n'),
    )
    const refused = await cli(['plan', bad], env)
    expect(refused.code).toBe(2)
    expect(refused.stderr).toContain('line 6: extra: is not one of targets, groups, matchNames')
    expect(refused.stderr).toContain('line 2: targets[0].provider: must be one of xtrakit, shoptet')
    const groups = file(
      'plan-groups.yaml',
      [
        'targets: [shoptet]',
        'groups:',
        '  - name: A',
        '  - name: A',
        '    providerOptions: { shoptet: { maxDiscount: "2" } }',
        '',
      ].join('\n'),
    )
    const issues = await cli(['plan', groups], env)
    expect(issues.code).toBe(2)
    expect(issues.stderr).toContain('line 4: groups[1].name: "A" is also the name of groups[0] (conflict)')
    const missing = await cli(['plan', desired('plan-no-key.yaml')], { ...env, XTRAKIT_API_KEY: '' })
    expect(missing.code).toBe(2)
    expect(missing.stderr).toContain('no credentials: pass --api-key or XTRAKIT_API_KEY')
  })
  it('refuses two targets that are one shop (same credential and base URL) with exit 2, sending nothing', async () => {
    const { token, env } = shopsOn(urls())
    const accounts = file(
      'same-shop-accounts.yaml',
      [
        'shop-a: { provider: shoptet, accessTokenEnv: SHOP_A_TOKEN }',
        'shop-b: { provider: shoptet, accessTokenEnv: SHOP_B_TOKEN }',
        '',
      ].join('\n'),
    )
    const path = file(
      'same-shop.yaml',
      ['targets:', '  - account: shop-a', '  - account: shop-b', 'groups:', '  - name: New', ''].join('\n'),
    )
    const sameEnv = { ...env, SHOP_A_TOKEN: token, SHOP_B_TOKEN: token }
    const before = [xtrakit.requests.length, shoptet.requests.length]
    for (const command of [['plan'], ['sync', '--yes']]) {
      const refused = await cli([...command, path, '--accounts', accounts], sameEnv)
      expect(refused.code).toBe(2)
      expect(refused.stderr).toContain(
        'line 3: account shop-b (shoptet) is the same shop as account shop-a (shoptet) on line 2 (the same credential and base URL); list each shop once',
      )
      expect(refused.stderr).not.toContain('unexpected error')
      expect(refused.stdout + refused.stderr).not.toContain(token)
    }
    // The default account holding the same token is that shop too.
    const withDefault = file(
      'same-shop-default.yaml',
      ['targets: [shoptet, { account: shop-b }]', 'groups: []', ''].join('\n'),
    )
    const refused = await cli(['plan', withDefault, '--accounts', accounts], sameEnv)
    expect(refused.code).toBe(2)
    expect(refused.stderr).toContain(
      'line 1: account shop-b (shoptet) is the same shop as the default shoptet account on line 1',
    )
    expect([xtrakit.requests.length, shoptet.requests.length]).toEqual(before)
    // Another token is another shop.
    const apart = await cli(['plan', path, '--accounts', accounts], {
      ...sameEnv,
      SHOP_B_TOKEN: `${token}-b`,
    })
    expect(apart.code).toBe(3)
  })
  it('refuses an alias bomb, a huge file and what is not a regular file with exit 2, reading nothing big', async () => {
    const { env } = shopsOn(urls())
    // A billion laughs, with only keys the file may have: each level is nine aliases of the one before.
    const levels = ['  - &a [x, x, x, x, x, x, x, x, x]']
    for (const name of 'bcdefgh') {
      const previous = String.fromCharCode(name.charCodeAt(0) - 1)
      levels.push(`  - &${name} [${Array(9).fill(`*${previous}`).join(', ')}]`)
    }
    const bomb = file('alias-bomb.yaml', ['targets: [shoptet]', 'groups:', ...levels, ''].join('\n'))
    const bombed = await cli(['plan', bomb], env)
    expect(bombed).toMatchObject({ code: 2, stdout: '' })
    expect(bombed.stderr.trim()).toBe(
      `${bomb}: not read: its YAML aliases (*name) expand to too much (Excessive alias count indicates a resource exhaustion attack); write the values out`,
    )
    const huge = file('huge.yaml', '')
    truncateSync(huge, 600 * 1024 * 1024)
    const refused = await cli(['sync', huge, '--yes'], env)
    expect(refused).toMatchObject({ code: 2, stdout: '' })
    expect(refused.stderr.trim()).toBe(
      `Cannot read ${huge}: larger than 8 MiB, the most read from such a file`,
    )
    rmSync(huge)
    const zero = await cli(['plan', '/dev/zero'], env)
    expect(zero).toMatchObject({ code: 2, stdout: '' })
    expect(zero.stderr.trim()).toBe('Cannot read /dev/zero: not a regular file')
    const accounts = await cli(['plan', desired('plan-accounts-zero.yaml'), '--accounts', '/dev/zero'], env)
    expect(accounts).toMatchObject({ code: 2, stdout: '' })
    expect(accounts.stderr.trim()).toBe('Cannot read the accounts file /dev/zero: not a regular file')
  })
})

/**
 * The names of a shop's groups (or names given), sorted: creates run several at once, so the
 * order they land in is not fixed, and a test checks that each group is there once.
 */
function namesIn(groups: readonly (string | Record<string, unknown>)[]): string[] {
  return groups.map((group) => String(typeof group === 'string' ? group : group.name)).sort()
}

describe('sync: writes, refusals and resume', () => {
  it('refuses to sync without a terminal and without --yes (exit 2), sending nothing', async () => {
    const { env } = shopsOn(urls())
    const before = [xtrakit.requests.length, shoptet.requests.length]
    const refused = await cli(['sync', desired('sync-no-tty.yaml')], env)
    expect(refused.code).toBe(2)
    expect(refused.stderr).toContain('no terminal to ask: pass --yes')
    expect([xtrakit.requests.length, shoptet.requests.length]).toEqual(before)
  })

  it('sends no write the second time', async () => {
    const { env } = shopsOn(urls())
    const path = desired('sync-twice.yaml')
    expect((await cli(['sync', path, '--yes'], env)).code).toBe(0)
    const from = [xtrakit.requests.length, shoptet.requests.length] as const
    const second = await cli(['sync', path, '--yes', '--json'], env)
    expect(second.code).toBe(0)
    expect(JSON.parse(second.stdout)).toMatchObject({ ok: true, results: [] })
    expect([...writes(xtrakit, from[0]), ...writes(shoptet, from[1])]).toEqual([])
    expect(xtrakit.requests.length - from[0]).toBe(1)
  })

  it('--prune: a refused default-group delete is that action’s failure, sent once; Xtrakit is never sent a delete', async () => {
    const { env } = shopsOn(urls())
    const path = file(
      'sync-prune.yaml',
      ['targets: [xtrakit, shoptet]', 'groups:', '  - name: Retail', ''].join('\n'),
    )
    const from = [xtrakit.requests.length, shoptet.requests.length] as const
    const result = await cli(['sync', path, '--prune', '--yes', '--max-retries', '2'], env)
    expect(result.code).toBe(0)
    expect(result.stdout).toContain(
      'xtrakit cannot delete customer groups: 2 extra group(s) left as they are',
    )
    expect(result.stdout).toContain('- delete "Wholesale partners" (id 7)')
    expect(result.stdout).toContain('Sync: 2 done (0 with warnings), 0 failed')
    // Retail is in the file, so only Wholesale partners goes; now the default group itself, once.
    const refusing = file('sync-prune-all.yaml', ['targets: [shoptet]', 'groups: []', ''].join('\n'))
    const refused = await cli(['sync', refusing, '--prune', '--yes', '--max-retries', '2'], env)
    expect(refused.code).toBe(1)
    expect(refused.stdout).toContain(
      'failed shoptet (default account): delete "Retail" (id 1): shoptet answered 422: The default customer group cannot be deleted.',
    )
    expect(writes(xtrakit, from[0]).map((request) => request.method)).toEqual(['POST'])
    expect(
      writes(shoptet, from[1]).map((request) => `${request.method} ${request.url} ${request.status}`),
    ).toEqual(['DELETE /api/customers/groups/7 200', 'DELETE /api/customers/groups/1 422'])
  })

  it('resumes a sync killed half way: every group is created once, none twice', async () => {
    const { token, env } = shopsOn(urls())
    const names = Array.from({ length: 24 }, (_, index) => `Group ${index + 1}`)
    const path = file(
      'sync-killed.yaml',
      ['targets: [shoptet]', 'groups:', ...names.map((name) => `  - name: ${name}`), ''].join('\n'),
    )
    const from = shoptet.requests.length
    const { child, exited } = spawnCli(['sync', path, '--yes'], env)
    while (writes(shoptet, from).length < 8) await new Promise((resolve) => setTimeout(resolve, 10))
    child.kill('SIGKILL')
    await exited
    const journal = `${path}.sync-journal.jsonl`
    expect(existsSync(journal)).toBe(true)
    expect(journalRecords(journal).some((record) => 'end' in record)).toBe(false)
    const resumed = await cli(['sync', path, '--yes'], env)
    expect(resumed.code).toBe(0)
    const created = writes(shoptet, from).filter((request) => request.method === 'POST')
    expect(created).toHaveLength(names.length)
    expect(namesIn(shoptet.groups(token))).toEqual(namesIn(['Retail', 'Wholesale partners', ...names]))
    const records = journalRecords(journal)
    expect(records.filter((record) => 'run' in record)).toHaveLength(2)
    expect(records.at(-1)).toMatchObject({ end: 2 })
  })

  it('a sync killed on one shop does not skip work on another shop the same file goes to', async () => {
    const names = Array.from({ length: 24 }, (_, index) => `Group ${index + 1}`)
    const path = file(
      'sync-other-shop.yaml',
      ['targets: [shoptet]', 'groups:', ...names.map((name) => `  - name: ${name}`), ''].join('\n'),
    )
    const shopA = shopsOn(urls())
    const from = shoptet.requests.length
    const { child, exited } = spawnCli(['sync', path, '--yes'], shopA.env)
    while (writes(shoptet, from).length < 8) await new Promise((resolve) => setTimeout(resolve, 10))
    child.kill('SIGKILL')
    await exited
    const journal = `${path}.sync-journal.jsonl`
    expect(journalRecords(journal).some((record) => 'done' in record)).toBe(true)
    expect(journalRecords(journal).some((record) => 'end' in record)).toBe(false)
    const copy = `${path}.copy.jsonl`
    copyFileSync(journal, copy)

    // The same file and journal, another token: another shop, where nothing was done yet.
    const shopB = shopsOn(urls())
    const onB = await cli(['sync', path, '--yes'], shopB.env)
    expect(onB.code).toBe(0)
    expect(onB.stdout).toContain(`Sync: ${names.length} done (0 with warnings), 0 failed`)
    expect(onB.stdout).not.toContain('skipped')
    expect(shopB.env.SHOPTET_ACCESS_TOKEN).not.toBe(shopA.env.SHOPTET_ACCESS_TOKEN)
    expect(namesIn(shoptet.groups(shopB.token))).toEqual(namesIn(['Retail', 'Wholesale partners', ...names]))

    // The same token (and the same interrupted run) on another base URL: another shop too.
    const other = await startStatefulBackend({ provider: 'shoptet' })
    try {
      const onC = await cli(['sync', path, '--yes', '--journal', copy], {
        ...shopA.env,
        SHOPTET_BASE_URL: other.url,
      })
      expect(onC.code).toBe(0)
      expect(onC.stdout).toContain(`Sync: ${names.length} done (0 with warnings), 0 failed`)
      expect(onC.stdout).not.toContain('skipped')
      expect(namesIn(other.groups(shopA.token))).toEqual(namesIn(['Retail', 'Wholesale partners', ...names]))
    } finally {
      await other.close()
    }
  })
})

describe('the confirmation question', () => {
  it('takes Ctrl-D (input closed) as no: nothing sent, the same exit code and message as answering n', async () => {
    const { token } = shopsOn(urls())
    const path = desired('sync-ctrl-d.yaml')
    vi.stubEnv('SHOPTET_BASE_URL', shoptet.url)
    vi.stubEnv('XTRAKIT_BASE_URL', xtrakit.url)
    try {
      const from = [xtrakit.requests.length, shoptet.requests.length] as const
      const args = ['sync', path, '--api-key', token, '--access-token', token]
      const answeredNo = await answering(args, 'n\n')
      const closed = await answering(args, undefined)
      expect({ ...closed, prompt: undefined }).toEqual({ ...answeredNo, prompt: undefined })
      expect(closed.code).toBe(1)
      expect(closed.err).toBe('Nothing was changed.\n')
      // The next line starts on a line of its own, as after a typed answer.
      expect(closed.prompt).toBe('\nApply 6 change(s) to 2 target(s)? [y/N] \n')
      expect([...writes(xtrakit, from[0]), ...writes(shoptet, from[1])]).toEqual([])
      expect(existsSync(`${path}.sync-journal.jsonl`)).toBe(false)
    } finally {
      vi.unstubAllEnvs()
    }
  })
})

describe('customer-groups mock --stateful', () => {
  it('serves mocks that remember what was created, until Ctrl-C', async () => {
    const child = spawn(process.execPath, [bin, 'mock', '--stateful', 'shoptet'], { stdio: 'pipe' })
    let stdout = ''
    const ready = new Promise<void>((resolve) => {
      child.stdout?.on('data', (chunk: Buffer) => {
        stdout += chunk.toString()
        if (stdout.includes('Press Ctrl-C')) resolve()
      })
    })
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
    try {
      await ready
      expect(stdout).toContain('each token is a shop of its own')
      const url = /shoptet: (http:\/\/\S+)/.exec(stdout)?.[1] as string
      const headers = { 'Shoptet-Access-Token': 't', 'content-type': 'application/json' }
      const created = await fetch(`${url}/api/customers/groups`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ data: { name: 'Remembered' } }),
      })
      expect(created.status).toBe(201)
      const listed = (await (await fetch(`${url}/api/customers/groups`, { headers })).json()) as {
        data: { customerGroups: { name: string }[] }
      }
      expect(listed.data.customerGroups.map((group) => group.name)).toContain('Remembered')
    } finally {
      child.kill('SIGINT')
    }
    expect(await exited).toBe(0)
  }, 150_000) // Prism's start: a second or two on a quiet machine, up to its 120 s limit on a busy one.
})
