import { type ChildProcess, execFile, spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { providerIds } from '@customer-groups/registry'
import { shoptetCustomerGroup, shoptetUpdateResponse } from '@customer-groups/shoptet/testing'
import { type FaultRequest, startFaultServer } from '@customer-groups/testing'
import { describe, expect, inject, it } from 'vitest'

// End to end: the built bin, as users run it.
const bin = fileURLToPath(new URL('../dist/cli.js', import.meta.url))
const mocks = inject('mockServers')
const token = 'cli_SECRET_TOKEN_8812'
const work = mkdtempSync(join(tmpdir(), 'cg-cli-'))

interface Result {
  code: number | null
  stdout: string
  stderr: string
}

function cli(args: string[], env: Record<string, string> = {}): Promise<Result> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [bin, ...args],
      { env: { PATH: process.env.PATH ?? '', ...env } },
      (error, stdout, stderr) => {
        resolve({ code: error === null ? 0 : ((error as { code?: number }).code ?? null), stdout, stderr })
      },
    )
  })
}

function file(name: string, content: string): string {
  const path = join(work, name)
  writeFileSync(path, content)
  return path
}

const mockEnv = () => ({
  XTRAKIT_BASE_URL: mocks.xtrakit as string,
  SHOPTET_BASE_URL: mocks.shoptet as string,
  XTRAKIT_API_KEY: token,
  SHOPTET_ACCESS_TOKEN: token,
})

/** A Shoptet success body that lists the group the request named, as the real API does. */
function shoptetAnswer(request: FaultRequest, delayMs = 0) {
  const id = Number(/groups\/(\d+)/.exec(request.url)?.[1])
  return {
    status: 200,
    body: shoptetUpdateResponse([shoptetCustomerGroup({ id, name: `group ${id}` })]),
    delayMs,
  }
}

const idsOf = (requests: FaultRequest[]) => requests.map((request) => /groups\/(\d+)/.exec(request.url)?.[1])

describe('customer-groups update', () => {
  it('updates an Xtrakit group and prints it readably, without the key', async () => {
    const result = await cli(
      ['update', '--provider', 'xtrakit', '--id', '1', '--name', 'Premium Customers'],
      mockEnv(),
    )
    expect(result).toMatchObject({ code: 0, stderr: '' })
    expect(result.stdout).toContain('xtrakit group 1 updated: "Premium Customers"')
    expect(result.stdout).toContain('created: 2024-08-04 08:23:45')
    expect(result.stdout + result.stderr).not.toContain(token)
  })

  it('takes Shoptet options, its language among them, and prints parseable JSON', async () => {
    const result = await cli(
      [
        'update',
        '--provider',
        'shoptet',
        '--id',
        '7',
        '--option',
        'maxDiscount=0.1500',
        '--option',
        'shoptet.defaultDueDays=30',
        '--option',
        'shoptet.language=cs',
        '--json',
      ],
      mockEnv(),
    )
    expect(result.code).toBe(0)
    const output = JSON.parse(result.stdout)
    expect(output).toMatchObject({
      ok: true,
      group: { id: '7', provider: 'shoptet' },
      response: { status: 200 },
    })
  })

  it('--option names its provider; one of another provider, or the old --language flag, is refused', async () => {
    const other = await cli(
      ['update', '--provider', 'shoptet', '--id', '7', '--option', 'xtrakit.business_code=1'],
      mockEnv(),
    )
    expect(other.code).toBe(2)
    expect(other.stderr).toContain('--option xtrakit.business_code is for xtrakit, not shoptet')
    const language = await cli(
      ['update', '--provider', 'shoptet', '--id', '7', '--language', 'cs'],
      mockEnv(),
    )
    expect(language.code).toBe(2)
    expect(language.stderr).toContain('update has no option --language')
  })
  it('takes credentials from flags and never echoes them, even when the server does', async () => {
    const server = await startFaultServer({
      faults: [{ status: 401, body: { status: 401, error: `bad key ${token}` } }],
    })
    try {
      const result = await cli([
        'update',
        '--provider',
        'xtrakit',
        '--id',
        '1',
        '--name',
        'A',
        '--api-key',
        token,
        '--base-url',
        server.url,
        '--json',
      ])
      expect(result.code).toBe(1)
      expect(JSON.parse(result.stdout)).toMatchObject({
        ok: false,
        error: { name: 'AuthenticationError', status: 401 },
      })
      expect(server.requests[0]?.headers.authorization).toBe(`Bearer ${token}`)
      expect(result.stdout + result.stderr).not.toContain(token)
    } finally {
      await server.close()
    }
  })

  it('refuses bad input with exit code 2, naming the field, and sends nothing', async () => {
    const server = await startFaultServer({ faults: [] })
    try {
      const result = await cli(
        [
          'update',
          '--provider',
          'shoptet',
          '--id',
          '7',
          '--option',
          'defaultDueDays=400',
          '--base-url',
          server.url,
        ],
        { SHOPTET_ACCESS_TOKEN: token },
      )
      expect(result.code).toBe(2)
      expect(result.stderr).toContain('providerOptions.shoptet.defaultDueDays: must be <= 365')
      expect(server.requests).toHaveLength(0)
      expect((await cli(['update', '--provider', 'nope', '--id', '1'])).code).toBe(2)
      expect((await cli(['update', '--provider', 'xtrakit'])).code).toBe(2)
      expect((await cli(['frobnicate'])).code).toBe(2)
    } finally {
      await server.close()
    }
  })
})

describe('a rule broken on the command line', () => {
  it('is worded from the spec, under the same heading for create and update', async () => {
    for (const command of ['create', 'update']) {
      const result = await cli(
        [
          command,
          '--provider',
          'shoptet',
          '--id',
          '7',
          '--name',
          'VIP',
          '--option',
          'maxDiscount=1.5',
        ].filter((arg, at, args) => command === 'update' || (arg !== '--id' && args[at - 1] !== '--id')),
        { SHOPTET_ACCESS_TOKEN: token, SHOPTET_BASE_URL: 'http://127.0.0.1:9' },
      )
      expect(result.code).toBe(2)
      expect(result.stderr).toBe(
        `Invalid arguments for shoptet.${command}CustomerGroup:\n  - providerOptions.shoptet.maxDiscount: must be four decimals from 0.0000 to 0.9999, e.g. 0.1500 (pattern)\n`,
      )
    }
  })
})

describe('customer-groups apply', () => {
  it('checks the whole file first: every bad row with its line and field, nothing sent', async () => {
    const server = await startFaultServer({ faults: [] })
    const changes = file(
      'mixed.yaml',
      [
        '- provider: shoptet', //             line 1: good
        '  id: 7',
        '  name: Wholesale',
        '- provider: xtrakit', //             line 4: a description Xtrakit cannot clear
        '  id: "42"',
        '  description: null',
        '- provider: shoptet', //             line 7: two bad options
        '  id: 8',
        '  providerOptions:',
        '    shoptet: { defaultDueDays: 400, maxDiscount: "1.5" }',
        '- provider: magento', //             line 11: unknown provider
        '  id: 1',
        '- { provider: shoptet, id: 9, colour: red }', // line 13: unknown field
        '',
      ].join('\n'),
    )
    try {
      const env = { SHOPTET_BASE_URL: server.url, XTRAKIT_BASE_URL: server.url, SHOPTET_ACCESS_TOKEN: token }
      const result = await cli(['apply', changes], env)
      expect(result.code).toBe(2)
      expect(result.stderr).toContain('4 row(s) have problems; nothing was sent')
      expect(result.stderr).toContain('line 4: description: cannot be cleared with null on xtrakit')
      expect(result.stderr).toContain('line 7: providerOptions.shoptet.defaultDueDays: must be <= 365')
      expect(result.stderr).toContain(
        'line 7: providerOptions.shoptet.maxDiscount: must be four decimals from 0.0000 to 0.9999, e.g. 0.1500 (pattern)',
      )
      expect(result.stderr).not.toContain('^0')
      expect(result.stderr).toContain(`line 11: provider: must be one of ${providerIds().join(', ')}`)
      expect(result.stderr).toContain('line 13: colour: is not one of')
      expect(result.stderr).not.toContain('line 1:')
      expect(server.requests).toHaveLength(0)
    } finally {
      await server.close()
    }
  })

  it('--dry-run checks a CSV file and sends nothing', async () => {
    const server = await startFaultServer({ faults: [] })
    const changes = file(
      'plan.csv',
      'provider,id,name,description,shoptet.maxDiscount,shoptet.defaultDueDays\nshoptet,7,VIP,,0.1500,30\nxtrakit,42,VIP,Big spenders,,\n',
    )
    try {
      const env = {
        SHOPTET_BASE_URL: server.url,
        XTRAKIT_BASE_URL: server.url,
        XTRAKIT_API_KEY: token,
        SHOPTET_ACCESS_TOKEN: token,
      }
      const result = await cli(['apply', changes, '--dry-run', '--json'], env)
      expect(result.code).toBe(0)
      expect(JSON.parse(result.stdout)).toEqual({
        ok: true,
        dryRun: true,
        rows: 2,
        toSend: 2,
        skipped: 0,
        superseded: 0,
        duplicates: 0,
        accounts: [
          { provider: 'shoptet', rows: 1 },
          { provider: 'xtrakit', rows: 1 },
        ],
      })
      expect(server.requests).toHaveLength(0)
      expect(existsSync(`${changes}.journal.jsonl`)).toBe(false)
    } finally {
      await server.close()
    }
  })

  it('applies a JSON file against the mocks and records every row in the journal', async () => {
    const changes = file(
      'good.json',
      JSON.stringify([
        { provider: 'xtrakit', id: '1', name: 'Premium Customers' },
        {
          provider: 'shoptet',
          id: 7,
          name: 'Wholesale partners',
          providerOptions: { shoptet: { language: 'cs' } },
        },
      ]),
    )
    const journal = join(work, 'good.journal.jsonl')
    const result = await cli(['apply', changes, '--journal', journal, '--json'], mockEnv())
    expect(result.code).toBe(0)
    expect(JSON.parse(result.stdout)).toMatchObject({
      ok: true,
      rows: 2,
      done: 2,
      failed: 0,
      notRun: 0,
      needsAttention: [],
    })
    const records = readFileSync(journal, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line))
    expect(records.filter((record) => 'done' in record)).toHaveLength(2)
    expect(result.stderr).toMatch(/\[1\/2\] done|\[2\/2\] done/)
    expect(result.stdout + result.stderr + readFileSync(journal, 'utf8')).not.toContain(token)
  })

  it('reports a failing row, keeps going, and exits 1', async () => {
    const server = await startFaultServer({
      faults: [],
      respond: (request) =>
        request.url.includes('/groups/8')
          ? {
              status: 404,
              body: {
                data: null,
                errors: [{ errorCode: 'not-found', message: 'No group 8.', instance: 'id' }],
              },
            }
          : shoptetAnswer(request),
    })
    const changes = file(
      'some-fail.yaml',
      '- { provider: shoptet, id: 7, name: A }\n- { provider: shoptet, id: 8, name: B }\n- { provider: shoptet, id: 9, name: C }\n',
    )
    try {
      const result = await cli(['apply', changes], {
        SHOPTET_BASE_URL: server.url,
        SHOPTET_ACCESS_TOKEN: token,
      })
      expect(result.code).toBe(1)
      expect(result.stdout).toContain('3 row(s): 2 done (0 with warnings), 1 failed')
      expect(result.stdout).toContain('line 2: shoptet 8: shoptet answered 404: No group 8. (id)')
      expect(result.stdout).toContain(
        `Resume with: customer-groups apply ${changes} --resume ${changes}.journal.jsonl`,
      )
    } finally {
      await server.close()
    }
  })

  it('resumes a run stopped with Ctrl-C: no row applied twice, none lost', async () => {
    let slow = true
    let answered = 0
    let onSecondAnswer: () => void = () => {}
    const twoAnswered = new Promise<void>((resolve) => {
      onSecondAnswer = resolve
    })
    const server = await startFaultServer({
      faults: [],
      respond: (request) => {
        answered++
        if (answered === 3) onSecondAnswer()
        return shoptetAnswer(request, slow ? 100 : 0)
      },
    })
    const ids = [11, 12, 13, 14, 15, 16]
    const changes = file(
      'resume.yaml',
      ids.map((id) => `- { provider: shoptet, id: ${id}, name: G${id} }`).join('\n'),
    )
    const journal = `${changes}.journal.jsonl`
    const env = { PATH: process.env.PATH ?? '', SHOPTET_BASE_URL: server.url, SHOPTET_ACCESS_TOKEN: token }
    try {
      const child: ChildProcess = spawn(process.execPath, [bin, 'apply', changes, '--concurrency', '1'], {
        env,
        stdio: 'pipe',
      })
      let stdout = ''
      let stderr = ''
      child.stdout?.on('data', (chunk: Buffer) => {
        stdout += chunk.toString()
      })
      child.stderr?.on('data', (chunk: Buffer) => {
        stderr += chunk.toString()
      })
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
      // Interrupt while the third row is in flight, as an operator pressing Ctrl-C would.
      await twoAnswered
      child.kill('SIGINT')
      expect(await exited).toBe(1)
      expect(stderr).toContain('Stopping: no new rows start')
      expect(stdout).toMatch(/6 row\(s\): 3 done .* 0 outcome unknown, 3 not run/)
      expect(stdout).toContain(`--resume ${journal}`)

      slow = false
      const resumed = await cli(['apply', changes, '--resume', journal], env)
      expect(resumed.code).toBe(0)
      expect(resumed.stdout).toContain('6 row(s): 3 done (0 with warnings), 0 failed, 3 skipped')
      // Every id reached the server exactly once across both runs.
      expect(idsOf(server.requests).map(Number).sort()).toEqual(ids)
    } finally {
      await server.close()
    }
  })

  it('refuses an unreadable or empty file with exit code 2, without the usage', async () => {
    for (const path of [
      join(work, 'missing.yaml'),
      file('broken.yaml', '- [unclosed'),
      file('empty.json', '[]'),
    ]) {
      const result = await cli(['apply', path])
      expect(result.code).toBe(2)
      expect(result.stderr).not.toContain('Usage:')
    }
    const usage = await cli(['apply'])
    expect(usage.code).toBe(2)
    expect(usage.stderr).toContain("Run 'customer-groups apply --help'")
  })
})

describe('rough edges', () => {
  it('prints its version', async () => {
    const result = await cli(['--version'])
    expect(result.code).toBe(0)
    expect(result.stdout.trim()).toBe(
      JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version,
    )
  })

  it('prints help for mock --help instead of starting mocks, and honours mock PROVIDER:PORT', async () => {
    const help = await cli(['mock', '--help'])
    expect(help).toMatchObject({ code: 0, stderr: '' })
    expect(help.stdout).toContain('Usage: customer-groups mock [PROVIDER[:PORT] ...] [options]')
    const port = await freePort()
    const child = spawn(process.execPath, [bin, 'mock', `xtrakit:${port}`], { stdio: 'pipe' })
    let stdout = ''
    const ready = new Promise<void>((resolve) => {
      child.stdout?.on('data', (chunk: Buffer) => {
        stdout += chunk.toString()
        if (stdout.includes('Press Ctrl-C')) resolve()
      })
    })
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
    await ready
    expect(stdout).toContain(`xtrakit: http://127.0.0.1:${port}`)
    expect(stdout).not.toContain('shoptet')
    child.kill('SIGINT')
    expect(await exited).toBe(0)
    expect((await cli(['mock', 'magento'])).code).toBe(2)
  }, 150_000) // Prism's start: a second or two on a quiet machine, up to its 120 s limit on a busy one.
})

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer()
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 0))
    })
  })
}
