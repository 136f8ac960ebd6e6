import { existsSync, lstatSync, mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { providerIds } from '@customer-groups/registry'
import { describe, expect, it } from 'vitest'
import { cli, file, journalRecords, spawnCli, startGroupServer, token, work } from '../test-support.js'

// Each row gives the description too: Xtrakit's edit replaces both, and a row that left one out would read the group first.
const xtrakitRows = (ids: number[], name = (id: number) => `G${id}`) =>
  ids
    .map((id) => JSON.stringify({ provider: 'xtrakit', id: String(id), name: name(id), description: 'D' }))
    .join('\n')

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, index) => from + index)

/** Ids with a done record, and rows started in the last run that never finished. */
function journalFacts(path: string) {
  const records = journalRecords(path)
  const idByKey = new Map<string, string>()
  const done = new Set<string>()
  let lastRunStart = 0
  records.forEach((record, index) => {
    if ('run' in record) lastRunStart = index
  })
  const open = new Set<string>()
  records.forEach((record, index) => {
    if (typeof record.start === 'string') {
      idByKey.set(record.start, String(record.id))
      if (index > lastRunStart) open.add(`${record.start}:${record.line}`)
    }
    for (const event of ['done', 'failed', 'aborted']) {
      if (typeof record[event] === 'string') open.delete(`${record[event]}:${record.line}`)
    }
    if (typeof record.done === 'string') done.add(idByKey.get(record.done) ?? '?')
  })
  return { done, unknown: open.size }
}

describe('apply: crash safety and resume', () => {
  it('survives kill -9 at random points: nothing recorded done is sent again, every row ends applied', async () => {
    const groups = await startGroupServer({ delayMs: () => 2 })
    const ids = range(1, 60)
    const changes = file('crash.jsonl', xtrakitRows(ids))
    const journal = `${changes}.journal.jsonl`
    const env = { XTRAKIT_BASE_URL: groups.url, XTRAKIT_API_KEY: token }
    const concurrency = 4
    try {
      for (let kill = 0; kill < 3; kill++) {
        const before = existsSync(journal) ? journalFacts(journal).done : new Set<string>()
        if (before.size >= ids.length) break
        const sent = groups.server.requests.length
        const remaining = ids.length - before.size
        // Somewhere strictly inside what is left to send.
        const point = 1 + Math.floor(Math.random() * Math.max(1, remaining - concurrency - 1))
        const args = ['apply', changes, '--concurrency', String(concurrency)]
        const { child, exited } = spawnCli(kill === 0 ? args : [...args, '--resume', journal], env)
        await groups.received(sent + point)
        child.kill('SIGKILL')
        await exited
        const resent = groups.ids(sent).filter((id) => before.has(id))
        expect(resent, `kill ${kill} at request ${point}`).toEqual([])
        expect(journalFacts(journal).unknown).toBeLessThanOrEqual(concurrency)
      }
      const before = journalFacts(journal).done
      const sent = groups.server.requests.length
      const final = await cli(
        ['apply', changes, '--concurrency', String(concurrency), '--resume', journal],
        env,
      )
      expect(final.code).toBe(0)
      expect(groups.ids(sent).filter((id) => before.has(id))).toEqual([])
      expect([...journalFacts(journal).done].sort()).toEqual(ids.map(String).sort())
      expect(new Set(groups.ids())).toEqual(new Set(ids.map(String)))
      expect(final.stdout).toMatch(/\d+ skipped \(done in an earlier run\)/)
    } finally {
      await groups.close()
    }
  })

  it('runs rows of one group in file order: the later row wins even when the first is slow', async () => {
    let first = true
    const groups = await startGroupServer({
      delayMs: (id) => {
        if (id !== '5' || !first) return 1
        first = false
        return 150
      },
    })
    const changes = file(
      'same-id.yaml',
      [
        '- { provider: xtrakit, id: "5", name: First, description: D }',
        '- { provider: xtrakit, id: "6", name: Other, description: D }',
        '- { provider: xtrakit, id: "5", name: Second, description: D }',
        '',
      ].join('\n'),
    )
    try {
      const result = await cli(['apply', changes, '--concurrency', '8'], {
        XTRAKIT_BASE_URL: groups.url,
        XTRAKIT_API_KEY: token,
      })
      expect(result.code).toBe(0)
      expect(result.stderr).toContain(
        'line 3: xtrakit 5 is also changed on line 1; the rows run one after another',
      )
      expect(groups.state.get('5')).toBe('Second')
    } finally {
      await groups.close()
    }
  })

  it('resumes by content: a row inserted at the top is the only one sent', async () => {
    const groups = await startGroupServer()
    const ids = range(1, 20)
    const path = join(work, 'insert.jsonl')
    writeFileSync(path, `${xtrakitRows(ids)}\n`)
    const env = { XTRAKIT_BASE_URL: groups.url, XTRAKIT_API_KEY: token }
    try {
      expect((await cli(['apply', path, '--concurrency', '4'], env)).code).toBe(0)
      writeFileSync(path, `${xtrakitRows([99])}\n${xtrakitRows(ids)}\n`)
      const sent = groups.server.requests.length
      const resumed = await cli(['apply', path, '--resume', `${path}.journal.jsonl`], env)
      expect(resumed.code).toBe(0)
      expect(groups.ids(sent)).toEqual(['99'])
      expect(resumed.stdout).toContain('21 row(s): 1 done (0 with warnings), 0 failed, 20 skipped')
    } finally {
      await groups.close()
    }
  })

  it('never sends a row once a later row of its group is done, even a row inserted before it', async () => {
    const groups = await startGroupServer()
    const path = join(work, 'superseded.yaml')
    const row = (name: string) => `- { provider: xtrakit, id: "5", name: ${name}, description: D }`
    writeFileSync(path, `${[row('First'), row('Third')].join('\n')}\n`)
    const env = { XTRAKIT_BASE_URL: groups.url, XTRAKIT_API_KEY: token }
    try {
      expect((await cli(['apply', path], env)).code).toBe(0)
      writeFileSync(path, `${[row('First'), row('Second'), row('Third')].join('\n')}\n`)
      const sent = groups.server.requests.length
      const resumed = await cli(['apply', path, '--resume', `${path}.journal.jsonl`], env)
      expect(resumed.code, resumed.stderr).toBe(0)
      // Second would undo Third, which is done: not sent.
      expect(groups.server.requests).toHaveLength(sent)
      expect(groups.state.get('5')).toBe('Third')
      expect(resumed.stdout).toContain(
        '3 row(s): 0 done (0 with warnings), 0 failed, 2 skipped (done in an earlier run), 1 not sent (a later row of their group is done)',
      )
    } finally {
      await groups.close()
    }
  })

  it("refuses another file's journal and a malformed one with exit 2; --force-resume overrides the first", async () => {
    const groups = await startGroupServer()
    const env = { XTRAKIT_BASE_URL: groups.url, XTRAKIT_API_KEY: token }
    const one = file('one.jsonl', xtrakitRows([1, 2]))
    const other = file('other.jsonl', xtrakitRows([3, 4]))
    try {
      expect((await cli(['apply', one], env)).code).toBe(0)
      const refused = await cli(['apply', other, '--resume', `${one}.journal.jsonl`], env)
      expect(refused.code).toBe(2)
      expect(refused.stderr).toContain(`was written for ${one}, not for ${other}`)
      expect(refused.stderr).toContain('--force-resume')
      expect(refused.stderr).not.toContain('Usage:')
      expect(groups.ids()).toEqual(['1', '2'].filter((id) => groups.ids().includes(id)))
      const forced = await cli(['apply', other, '--resume', `${one}.journal.jsonl`, '--force-resume'], env)
      expect(forced.code).toBe(0)
      expect(groups.ids().sort()).toEqual(['1', '2', '3', '4'])

      const malformed = file('malformed.journal.jsonl', '{}\n')
      const bad = await cli(['apply', one, '--resume', malformed], env)
      expect(bad.code).toBe(2)
      expect(bad.stderr).toContain(`${malformed}:1: not a journal of customer-groups apply`)
      expect(bad.stderr).not.toContain('unexpected error')

      // A record cut short by a crash (no line feed) is dropped, not refused.
      const journal = `${one}.journal.jsonl`
      writeFileSync(journal, `${readFileSync(journal, 'utf8')}{"start":"00`)
      expect((await cli(['apply', one, '--resume', journal], env)).code).toBe(0)
      expect(journalRecords(journal).at(-1)).toMatchObject({ end: 3 })
    } finally {
      await groups.close()
    }
  })

  it('stops promptly when the journal cannot be written: nothing is sent that it does not record', async () => {
    const groups = await startGroupServer()
    const changes = file('full-disk.jsonl', xtrakitRows(range(1, 300)))
    try {
      // A file size limit of 8 KiB: the journal's writes fail with EFBIG part-way.
      const result = await cli(
        ['apply', changes, '--concurrency', '4'],
        { XTRAKIT_BASE_URL: groups.url, XTRAKIT_API_KEY: token },
        'ulimit -f 8',
      )
      expect(result.code).toBe(1)
      expect(result.stdout).toContain(`Stopped: Cannot write the journal ${changes}.journal.jsonl`)
      const started = journalRecords(`${changes}.journal.jsonl`).filter((record) => 'start' in record)
      expect(groups.server.requests.length).toBeLessThanOrEqual(started.length)
      expect(groups.server.requests.length).toBeLessThan(300)
    } finally {
      await groups.close()
    }
  })
})

describe('apply: accounts, limits and credentials', () => {
  it('keeps two Shoptet accounts each at most 3 requests in flight per token', async () => {
    const groups = await startGroupServer({ delayMs: () => 4 })
    const accounts = file(
      'accounts.yaml',
      [
        'shop-a:',
        '  provider: shoptet',
        '  accessTokenEnv: SHOP_A_TOKEN',
        'shop-b: { provider: shoptet, privateApiTokenEnv: SHOP_B_TOKEN, baseUrlEnv: SHOP_B_URL }',
        '',
      ].join('\n'),
    )
    const rows = range(1, 24).flatMap((id) => [
      JSON.stringify({ account: 'shop-a', id, name: `A${id}` }),
      JSON.stringify({ provider: 'shoptet', account: 'shop-b', id: 100 + id, name: `B${id}` }),
    ])
    const changes = file('two-shops.jsonl', rows.join('\n'))
    try {
      const result = await cli(['apply', changes, '--accounts', accounts, '--concurrency', '16', '--json'], {
        SHOPTET_BASE_URL: groups.url,
        SHOP_B_URL: groups.url,
        SHOP_A_TOKEN: 'token-a',
        SHOP_B_TOKEN: 'token-b',
      })
      expect(result.code).toBe(0)
      expect(JSON.parse(result.stdout)).toMatchObject({ ok: true, done: 48 })
      expect(groups.maxInFlight.get('token-a')).toBeLessThanOrEqual(3)
      expect(groups.maxInFlight.get('token-b')).toBeLessThanOrEqual(3)
      expect(groups.state.get('124')).toBe('B24')
    } finally {
      await groups.close()
    }
  })

  it("finds missing and unusable credentials in the pre-flight check, in the CLI's words", async () => {
    const groups = await startGroupServer()
    const accounts = file(
      'accounts-missing.json',
      JSON.stringify({ 'shop-a': { provider: 'shoptet', accessTokenEnv: 'SHOP_A_TOKEN' } }),
    )
    const changes = file(
      'needs-keys.yaml',
      '- { provider: xtrakit, id: "1", name: A }\n- { account: shop-a, id: 7, name: B }\n- { provider: shoptet, id: 8, name: C }\n',
    )
    try {
      const env = {
        XTRAKIT_BASE_URL: groups.url,
        SHOPTET_BASE_URL: groups.url,
        SHOPTET_ACCESS_TOKEN: 'ok\r\nX-Evil: 1',
      }
      for (const extra of [['--dry-run'], []]) {
        const result = await cli(['apply', changes, '--accounts', accounts, ...extra], env)
        expect(result.code).toBe(2)
        expect(result.stderr).toContain(
          'the default xtrakit account: no credentials: pass --api-key or XTRAKIT_API_KEY',
        )
        expect(result.stderr).toContain(
          'account shop-a (shoptet): accessTokenEnv: the environment variable SHOP_A_TOKEN is not set',
        )
        expect(result.stderr).toContain(
          'the default shoptet account: SHOPTET_ACCESS_TOKEN: must be visible ASCII characters only',
        )
        expect(result.stderr).not.toContain('X-Evil')
      }
      expect(groups.server.requests).toHaveLength(0)

      const literal = file('accounts-literal.yaml', 'shop-a:\n  provider: shoptet\n  accessToken: abc123\n')
      const refused = await cli(['apply', changes, '--accounts', literal, '--dry-run'], env)
      expect(refused.code).toBe(2)
      expect(refused.stderr).toContain(
        'line 3: shop-a.accessToken: settings are never written in the accounts file',
      )
      expect(refused.stderr).not.toContain('abc123')
    } finally {
      await groups.close()
    }
  })
})

describe('apply: warnings and results', () => {
  it('counts warnings, shows each on its row and in --json, escaping what the server wrote', async () => {
    const groups = await startGroupServer({
      warnings: (id) =>
        id === '8'
          ? [{ errorCode: 'module-disabled', message: 'Wholesale is off\u001b[2J', instance: 'wholesale' }]
          : null,
      status: (id) => (id === '9' ? 404 : undefined),
    })
    const changes = file(
      'warned.csv',
      'provider,id,name,shoptet.wholesale\nshoptet,7,A,\nshoptet,8,B,true\nshoptet,9,C,\n',
    )
    const report = join(work, 'warned-report.json')
    try {
      const env = { SHOPTET_BASE_URL: groups.url, SHOPTET_ACCESS_TOKEN: token }
      const result = await cli(['apply', changes, '--report', report], env)
      expect(result.code).toBe(1)
      expect(result.stdout).toContain('3 row(s): 2 done (1 with warnings), 1 failed')
      expect(result.stderr).toContain(
        'done shoptet 8 (line 3), 1 warning(s): wholesale: module-disabled: Wholesale is off\\e[2J',
      )
      expect(result.stdout + result.stderr).not.toContain('\u001b')
      expect(result.stdout).toContain('line 4: shoptet 9: shoptet answered 404: No group 9.')
      expect(statSync(report).mode & 0o777).toBe(0o600)
      const written = JSON.parse(readFileSync(report, 'utf8'))
      expect(written).toMatchObject({ ok: false, done: 2, warned: 1, failed: 1 })
      expect(written.rows).toBe(3)
      expect(written.needsAttention).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            line: 3,
            id: '8',
            status: 'done',
            warnings: [expect.objectContaining({ field: 'wholesale' })],
          }),
          expect.objectContaining({ line: 4, id: '9', status: 'failed' }),
        ]),
      )
      const again = await cli(['apply', changes, '--journal', join(work, 'warned-2.jsonl'), '--json'], env)
      expect(JSON.parse(again.stdout)).toMatchObject({
        warned: 1,
        rows: 3,
        needsAttention: expect.any(Array),
      })
      expect(again.stdout + again.stderr + readFileSync(report, 'utf8')).not.toContain(token)
    } finally {
      await groups.close()
    }
  })
})

describe('apply: files', () => {
  const dryRun = (path: string, extra: string[] = []) =>
    cli(['apply', path, '--dry-run', '--json', ...extra], {
      XTRAKIT_API_KEY: token,
      SHOPTET_ACCESS_TOKEN: token,
    })

  it('lists every problem of every row with line, column or field, and rule', async () => {
    const changes = file(
      'problems.csv',
      'Provider,ID,Name,Shoptet.DefaultDueDays\nshoptet,abc,,400\nxtrakit,,VIP,\nmagento,1,X,\n',
    )
    const result = await dryRun(changes)
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('line 2, column 2: id: must be a whole number')
    expect(result.stderr).toContain(
      'line 2, column 4: providerOptions.shoptet.defaultDueDays: must be <= 365',
    )
    expect(result.stderr).toContain('line 3, column 2: id: is required')
    expect(result.stderr).toContain(`line 4, column 1: provider: must be one of ${providerIds().join(', ')}`)
    expect(result.stderr).not.toContain('Usage:')
  })

  it('reads CSV headers case-insensitively and an unquoted null as null', async () => {
    const groups = await startGroupServer()
    const changes = file(
      'nulls.csv',
      'PROVIDER,Id,Description\nshoptet,7,null\nshoptet,8,"null"\nshoptet,9,"\\"\n',
    )
    try {
      const result = await cli(['apply', changes], {
        SHOPTET_BASE_URL: groups.url,
        SHOPTET_ACCESS_TOKEN: token,
      })
      expect(result.code).toBe(0)
      const bodies = Object.fromEntries(
        groups.server.requests.map((request) => [
          /groups\/(\d+)/.exec(request.url)?.[1],
          JSON.parse(request.body).data,
        ]),
      )
      expect(bodies).toEqual({
        7: { description: null },
        8: { description: 'null' },
        9: { description: '\\' },
      })
    } finally {
      await groups.close()
    }
  })

  it('reports CSV, YAML and JSON syntax errors with their line, as exit 2', async () => {
    const csv = await dryRun(file('unclosed.csv', 'provider,id,name\nshoptet,7,"VIP\nshoptet,8,B\n'))
    expect(csv.code).toBe(2)
    expect(csv.stderr).toContain(
      'unclosed.csv:2:11: not valid CSV: a quoted cell starts here and is never closed',
    )
    const yaml = await dryRun(file('broken.yaml', '- provider: shoptet\n  id: 7\n  name: [unclosed\n'))
    expect(yaml.code).toBe(2)
    expect(yaml.stderr).toMatch(/broken\.yaml:\d+(:\d+)?: not valid YAML/)
    const json = await dryRun(file('broken.json', '[\n  {"provider": "shoptet", "id": 7,}\n]'))
    expect(json.code).toBe(2)
    expect(json.stderr).toMatch(/broken\.json:2:\d+: not valid JSON/)
    // A billion laughs: nine levels of aliases, each naming the last nine times.
    const nine = (name: string) => `[${Array(9).fill(name).join(', ')}]`
    const levels = [`- &a0 ${nine('x')}`]
    for (let level = 1; level < 9; level++) levels.push(`- &a${level} ${nine(`*a${level - 1}`)}`)
    const bomb = await dryRun(file('bomb.yaml', `${levels.join('\n')}\n`))
    expect(bomb.code).toBe(2)
    expect(bomb.stderr).toContain('bomb.yaml: not read: its YAML aliases (*name) expand to too much')
    for (const result of [csv, yaml, json, bomb]) expect(result.stderr).not.toMatch(/Usage:|unexpected error/)
  })

  it('tells the format of a file whose name does not from its content, or says it cannot', async () => {
    const csv = await dryRun(file('plan.txt', 'provider,id,name\nshoptet,7,VIP\n'))
    expect(csv.code).toBe(0)
    expect(JSON.parse(csv.stdout)).toMatchObject({ ok: true, rows: 1 })
    const lines = await dryRun(
      file(
        'plan.log',
        '{"provider":"shoptet","id":7,"name":"A"}\n{"provider":"shoptet","id":8,"name":"B"}\n',
      ),
    )
    expect(JSON.parse(lines.stdout)).toMatchObject({ ok: true, rows: 2 })
    const unknown = await dryRun(file('notes.txt', 'hello there\n'))
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toContain("cannot tell the file's format")
    expect(unknown.stderr).toContain('--format')
  })

  it('checks journal and report paths before sending, and never writes through a symbolic link', async () => {
    const groups = await startGroupServer()
    const changes = file('paths.jsonl', xtrakitRows([1]))
    const env = { XTRAKIT_BASE_URL: groups.url, XTRAKIT_API_KEY: token }
    const directory = join(work, 'a-directory')
    mkdirSync(directory, { recursive: true })
    try {
      const asDirectory = await cli(['apply', changes, '--report', directory], env)
      expect(asDirectory.code).toBe(2)
      expect(asDirectory.stderr).toContain(`the report ${directory}: is a directory`)
      const missing = await cli(['apply', changes, '--report', join(work, 'nowhere', 'r.json')], env)
      expect(missing.code).toBe(2)
      expect(missing.stderr).toContain('no such file or directory')
      const victim = file('victim.txt', 'keep me')
      const link = join(work, 'linked.journal.jsonl')
      symlinkSync(victim, link)
      const linked = await cli(['apply', changes, '--journal', link], env)
      expect(linked.code).toBe(2)
      expect(linked.stderr).toContain('is a symbolic link')
      expect(readFileSync(victim, 'utf8')).toBe('keep me')
      expect(groups.server.requests).toHaveLength(0)
      const ok = await cli(['apply', changes], env)
      expect(ok.code).toBe(0)
      expect(lstatSync(`${changes}.journal.jsonl`).mode & 0o777).toBe(0o600)
      // Run again, the same file resumes its own journal: what it did is not sent again.
      const sent = groups.server.requests.length
      const again = await cli(['apply', changes], env)
      expect(again.code).toBe(0)
      expect(again.stderr).toContain(`Resuming ${changes}.journal.jsonl`)
      expect(again.stdout).toContain('1 skipped (done in an earlier run)')
      expect(groups.server.requests).toHaveLength(sent)
    } finally {
      await groups.close()
    }
  })
})
