import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { shoptetCustomerGroup, shoptetUpdateResponse } from '@customer-groups/shoptet/testing'
import { startFaultServer } from '@customer-groups/testing'
import { describe, expect, inject, it } from 'vitest'
import { answering } from '../test-support.js'

// End to end: the built bin against the Prism mocks of both specs.
const bin = fileURLToPath(new URL('../dist/cli.js', import.meta.url))
const mocks = inject('mockServers')
const token = 'cli_SECRET_TOKEN_9921'

function cli(args: string[], env: Record<string, string> = {}, stdin?: string) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = execFile(
      process.execPath,
      [bin, ...args],
      { env: { PATH: process.env.PATH ?? '', ...env } },
      (error, stdout, stderr) =>
        resolve({ code: error === null ? 0 : ((error as { code?: number }).code ?? null), stdout, stderr }),
    )
    child.stdin?.end(stdin ?? '')
  })
}

const env = {
  XTRAKIT_BASE_URL: mocks.xtrakit as string,
  SHOPTET_BASE_URL: mocks.shoptet as string,
  XTRAKIT_API_KEY: token,
  SHOPTET_ACCESS_TOKEN: token,
}

describe('customer-groups list, get, create, delete', () => {
  it('lists groups as tab-separated lines with a header when not on a terminal, and as JSON', async () => {
    const plain = await cli(['list', '--provider', 'shoptet'], env)
    expect(plain.code).toBe(0)
    const lines = plain.stdout.trim().split('\n')
    // Shoptet's groups carry no update time: no UPDATED column that would always be empty.
    expect(lines[0]).toBe('ID\tNAME\tDESCRIPTION')
    expect(lines.slice(1).map((line) => line.split('\t').slice(0, 2))).toEqual([
      ['1', 'Retail'],
      ['7', 'Wholesale partners'],
    ])
    expect(plain.stderr).toContain('2 group(s) (HTTP 200 after 1 attempt(s)')
    const json = await cli(['list', '--provider', 'xtrakit', '--json'], env)
    const parsed = JSON.parse(json.stdout)
    expect(parsed.ok).toBe(true)
    expect(parsed.groups.map((group: { id: string }) => group.id)).toEqual(['1', '2'])
    expect(json.stdout + json.stderr + plain.stdout + plain.stderr).not.toContain(token)
  })

  it('passes list filters as options, typed as the spec types them (a business code stays text)', async () => {
    const result = await cli(
      ['list', '--provider', 'xtrakit', '--option', 'business_code=007', '--json'],
      env,
    )
    expect(result.code).toBe(0)
    const refused = await cli(['list', '--provider', 'xtrakit', '--option', 'business_code=7a'], env)
    expect(refused.code).toBe(2)
    expect(refused.stderr).toContain('providerOptions.xtrakit.business_code')
    const unknown = await cli(['list', '--provider', 'xtrakit', '--option', 'colour=red'], env)
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toContain('is not an option of xtrakit for listCustomerGroups')
  })

  it('gets one group, from the list where the provider has no endpoint for one', async () => {
    const xtrakit = await cli(['get', '--provider', 'xtrakit', '--id', '1'], env)
    expect(xtrakit.stdout).toContain('xtrakit group 1 is: "Premium Customers"')
    const shoptet = await cli(['get', '--provider', 'shoptet', '--id', '7', '--json'], env)
    expect(JSON.parse(shoptet.stdout).group).toMatchObject({ id: '7', name: 'Wholesale partners' })
    const missing = await cli(['get', '--provider', 'shoptet', '--id', '99', '--json'], env)
    expect(missing.code).toBe(1)
    expect(JSON.parse(missing.stdout).error).toMatchObject({
      name: 'NotFoundError',
      status: 404,
      errors: [{ code: 'customer-group-not-found' }],
    })
  })

  it('gets and deletes a group by its name; two groups with the name are refused, naming their ids', async () => {
    const byName = await cli(['get', '--provider', 'shoptet', '--name', 'Wholesale partners', '--json'], env)
    expect(byName.code).toBe(0)
    expect(JSON.parse(byName.stdout).group).toMatchObject({ id: '7', name: 'Wholesale partners' })
    const none = await cli(['get', '--provider', 'xtrakit', '--name', 'Nobody'], env)
    expect(none).toMatchObject({ code: 1, stdout: '' })
    expect(none.stderr).toBe('xtrakit has no group named "Nobody"\n')
    const both = await cli(['get', '--provider', 'xtrakit', '--id', '1', '--name', 'x'], env)
    expect(both.code).toBe(2)
    expect(both.stderr).toContain('--id and --name exclude each other')
    const neither = await cli(['delete', '--provider', 'shoptet', '--yes'], env)
    expect(neither.code).toBe(2)
    expect(neither.stderr).toContain('--id or --name is required')
    const server = await startFaultServer({
      faults: [],
      respond: (request) => ({
        status: 200,
        body: shoptetUpdateResponse(
          request.method === 'GET'
            ? [shoptetCustomerGroup({ id: 3, name: 'VIP' }), shoptetCustomerGroup({ id: 4, name: 'VIP' })]
            : [],
        ),
      }),
    })
    try {
      const ambiguous = await cli(['delete', '--provider', 'shoptet', '--name', 'VIP', '--yes', '--json'], {
        ...env,
        SHOPTET_BASE_URL: server.url,
      })
      expect(ambiguous.code).toBe(1)
      expect(JSON.parse(ambiguous.stdout).error).toMatchObject({
        name: 'AmbiguousNameError',
        message: 'shoptet has 2 groups named "VIP" (ids 3, 4); use the id to say which',
      })
      expect(server.requests.map((request) => request.method)).toEqual(['GET'])
    } finally {
      await server.close()
    }
  })

  it('creates a group, with provider options', async () => {
    const result = await cli(
      [
        'create',
        '--provider',
        'shoptet',
        '--name',
        'VIP customers',
        '--option',
        'maxDiscount=0.1500',
        '--json',
      ],
      env,
    )
    expect(result.code).toBe(0)
    expect(JSON.parse(result.stdout).group).toMatchObject({ name: 'VIP customers', provider: 'shoptet' })
    const missing = await cli(['create', '--provider', 'xtrakit'], env)
    expect(missing).toMatchObject({ code: 2 })
    expect(missing.stderr).toContain('--name is required')
  })

  it('deletes only with --yes when there is no terminal, and refuses a provider without deletion', async () => {
    const refused = await cli(['delete', '--provider', 'shoptet', '--id', '7'], env)
    expect(refused.code).toBe(2)
    expect(refused.stderr).toContain('pass --yes')
    const deleted = await cli(['delete', '--provider', 'shoptet', '--id', '7', '--yes'], env)
    expect(deleted).toMatchObject({ code: 0 })
    expect(deleted.stdout).toContain('shoptet group 7 deleted (HTTP 200')
    const unsupported = await cli(['delete', '--provider', 'xtrakit', '--id', '1', '--yes', '--json'], env)
    expect(unsupported.code).toBe(2)
    expect(JSON.parse(unsupported.stdout).error).toMatchObject({
      name: 'UnsupportedOperationError',
      issues: [{ field: 'provider', code: 'unsupported-operation' }],
    })
  })

  it('takes Ctrl-D at the delete question as no: nothing sent, the same exit code and message as n', async () => {
    // The group is read to be named in the question; nothing else is sent.
    const server = await startFaultServer({
      faults: [],
      respond: () => ({
        status: 200,
        body: shoptetUpdateResponse([shoptetCustomerGroup({ id: 7, name: 'Wholesale partners' })]),
      }),
    })
    try {
      const args = [
        'delete',
        '--provider',
        'shoptet',
        '--id',
        '7',
        '--access-token',
        token,
        '--base-url',
        server.url,
      ]
      const answeredNo = await answering(args, 'n\n')
      const closed = await answering(args, undefined)
      expect({ ...closed, prompt: undefined }).toEqual({ ...answeredNo, prompt: undefined })
      expect(closed).toMatchObject({ code: 1, out: '', err: 'Nothing was deleted.\n' })
      expect(closed.prompt).toBe(
        'Delete shoptet group 7 "Wholesale partners"? Its customers move to the default group. [y/N] \n',
      )
      expect(server.requests.map((request) => request.method)).toEqual(['GET', 'GET'])
    } finally {
      await server.close()
    }
  })

  it('--json errors carry the request id and the provider problems; --verbose logs each request, redacted', async () => {
    const server = await startFaultServer({
      faults: [
        {
          status: 422,
          body: {
            data: null,
            errors: [{ errorCode: 'invalid-request-data', message: 'Name taken', instance: 'data.name' }],
          },
          headers: { 'x-request-id': 'req-77' },
        },
      ],
    })
    try {
      const result = await cli(['create', '--provider', 'shoptet', '--name', 'VIP', '--json', '--verbose'], {
        ...env,
        SHOPTET_BASE_URL: server.url,
      })
      expect(result.code).toBe(1)
      expect(JSON.parse(result.stdout).error).toMatchObject({
        name: 'UnprocessableEntityError',
        requestId: 'req-77',
        errors: [{ code: 'invalid-request-data', message: 'Name taken', instance: 'data.name' }],
      })
      expect(result.stderr).toMatch(
        /\[debug\] shoptet: POST http:\/\/127\.0\.0\.1:\d+\/api\/customers\/groups attempt 1 → 422 in \d+ ms \[request req-77\]/,
      )
      expect(result.stdout + result.stderr).not.toContain(token)
    } finally {
      await server.close()
    }
  })

  it('prints server text escaped, so it cannot move the cursor or fake a line', async () => {
    const server = await startFaultServer({
      faults: [
        {
          status: 500,
          body: {
            data: null,
            errors: [{ errorCode: 'x', message: 'boom\u001b[2J\r\nDone.', instance: 'i' }],
          },
        },
      ],
    })
    try {
      const result = await cli(['list', '--provider', 'shoptet', '--max-retries', '0'], {
        ...env,
        SHOPTET_BASE_URL: server.url,
      })
      expect(result.code).toBe(1)
      expect(result.stderr).not.toContain('\u001b')
      expect(result.stderr).not.toContain('\r')
      expect(result.stderr).toContain('boom\\e[2J\\r\\nDone.')
    } finally {
      await server.close()
    }
  })
})
