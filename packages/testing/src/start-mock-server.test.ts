import { spawn, spawnSync } from 'node:child_process'
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { jsonResponse, recordingFetch } from './recording-fetch.js'
import { resolveSpec } from './resolve-spec.js'
import { startMockServer } from './start-mock-server.js'
import { startMockServers } from './start-mock-servers.js'

const xtrakitSpec = fileURLToPath(new URL('../../../specs/xtrakit.openapi.yaml', import.meta.url))
/** Prism's start takes a second or two on a quiet machine and far longer when both cores are busy. */
const startTimeoutMs = 120_000

/** Pids of the processes whose command line mentions `text`. */
function pidsRunning(text: string): number[] {
  const listing = spawnSync('pgrep', ['-f', text], { encoding: 'utf8' }).stdout ?? ''
  return listing.split('\n').filter(Boolean).map(Number)
}

function isAlive(pid: number | undefined): boolean {
  if (pid === undefined) return false
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

describe('startMockServer', () => {
  it('validates requests by default and can be told not to', async () => {
    // A spec whose own example breaks its schema: only with errors on does Prism refuse to serve it.
    const dir = mkdtempSync(join(tmpdir(), 'cg-mock-'))
    const spec = join(dir, 'tiny.yaml')
    writeFileSync(
      spec,
      [
        'openapi: 3.0.3',
        'info: { title: tiny, version: 1.0.0 }',
        'paths:',
        '  /things:',
        '    post:',
        '      responses:',
        "        '200':",
        '          description: ok',
        '          content:',
        '            application/json:',
        '              schema: { type: object, properties: { ok: { type: boolean } } }',
        "              example: { ok: 'yes' }",
        '',
      ].join('\n'),
    )
    const [strict, lenient] = await Promise.all([
      startMockServer({ provider: spec, startTimeoutMs }),
      startMockServer({ provider: spec, errors: false, startTimeoutMs }),
    ])
    try {
      const send = (url: string) => fetch(`${url}/things`, { method: 'POST' })
      expect((await send(strict.url)).status).toBe(500)
      const answered = await send(lenient.url)
      expect(answered.status).toBe(200)
      expect(answered.headers.get('sl-violations')).toMatch(/boolean/)
    } finally {
      await Promise.all([strict.close(), lenient.close()])
    }
  })

  it('Prism ends too when the process that started it is killed outright', async () => {
    const entry = new URL('../dist/index.js', import.meta.url).href
    const script = `
      import { startMockServer } from ${JSON.stringify(entry)}
      const server = await startMockServer({ provider: ${JSON.stringify(xtrakitSpec)}, startTimeoutMs: ${startTimeoutMs} })
      console.log(server.pid)
      setInterval(() => {}, 1000)
    `
    const parent = spawn(process.execPath, ['--input-type=module', '-e', script], {
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    const prismPid = await new Promise<number>((resolve) =>
      parent.stdout.once('data', (chunk: Buffer) => resolve(Number(chunk.toString()))),
    )
    expect(isAlive(prismPid)).toBe(true)
    parent.kill('SIGKILL')
    const deadline = performance.now() + 10_000
    while (isAlive(prismPid) && performance.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 100))
    expect(isAlive(prismPid)).toBe(false)
  })

  // One test for what costs a Prism start each: serving until close(), a spec Prism cannot load, all or nothing.
  it('starts several mocks all or nothing; each serves its spec until close(), then leaves no process', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cg-mock-'))
    const broken = join(dir, 'broken.yaml')
    writeFileSync(broken, 'openapi: 3.0.3\npaths: [not, a, map]\n')
    // A copy under a unique path, so only this test's Prism matches it.
    const good = join(dir, 'good.yaml')
    copyFileSync(xtrakitSpec, good)
    // Both at once: Prism's start-up is the slow part.
    const [failed, mocks] = await Promise.all([
      startMockServers({
        good: { provider: good, startTimeoutMs },
        bad: { provider: broken, startTimeoutMs },
      }).then(
        () => undefined,
        (error: unknown) => error,
      ),
      startMockServers({
        a: { provider: xtrakitSpec, startTimeoutMs },
        b: { provider: xtrakitSpec, startTimeoutMs },
      }),
    ])
    // A spec Prism cannot load is reported with what Prism said.
    expect(String(failed)).toMatch(/Prism exited before it was ready \(code \d+\):\n\s*\S/)
    // The good one may have started; it must have been stopped again.
    expect(pidsRunning(good)).toEqual([])

    const { a, b } = mocks.servers
    expect(a.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(a.url).not.toBe(b.url)
    const response = await fetch(`${a.url}/customer-groups/1`, {
      method: 'PUT',
      headers: { authorization: 'Bearer k', 'content-type': 'application/json' },
      body: JSON.stringify({ group_name: 'A' }),
    })
    expect(response.status).toBe(200)
    expect([isAlive(a.pid), isAlive(b.pid)]).toEqual([true, true])
    await mocks.close()
    expect([isAlive(a.pid), isAlive(b.pid)]).toEqual([false, false])
    await expect(fetch(`${a.url}/customer-groups/1`)).rejects.toThrow()
    // Closing again is harmless.
    await a.close()
  })

  it('names the missing spec clearly', () => {
    expect(() => resolveSpec('/nowhere/spec.yaml')).toThrow(/No spec file at/)
  })

  // Bun and Deno run Prism on the node from PATH; ecosystem-tests runs them. Here: the override, and no Node.
  it('runs Prism on the Node.js CUSTOMER_GROUPS_NODE names, and says so at once when there is none', async () => {
    const before = process.env.CUSTOMER_GROUPS_NODE
    process.env.CUSTOMER_GROUPS_NODE = '/nowhere/node'
    try {
      const started = performance.now()
      await expect(startMockServer({ provider: xtrakitSpec, startTimeoutMs: 60_000 })).rejects.toThrow(
        'Prism runs on Node.js, and there is none at "/nowhere/node": install Node.js 20.19 or newer on PATH, or set CUSTOMER_GROUPS_NODE to its path',
      )
      // Not after the 60 s start timeout: at once, with room for a very busy machine.
      expect(performance.now() - started).toBeLessThan(20_000)
    } finally {
      if (before === undefined) delete process.env.CUSTOMER_GROUPS_NODE
      else process.env.CUSTOMER_GROUPS_NODE = before
    }
  })
})

describe('recordingFetch', () => {
  it('records method, URL, headers and body, and answers with the responder', async () => {
    const recorder = recordingFetch((request, index) => jsonResponse(201, { index, method: request.method }))
    const response = await recorder.fetch(
      new Request('https://x.test/a?b=1', { method: 'POST', headers: { 'x-a': '1' }, body: '{"c":2}' }),
    )
    expect(await response.json()).toEqual({ index: 0, method: 'POST' })
    expect(response.status).toBe(201)
    expect(recorder.requests[0]).toMatchObject({ method: 'POST', body: '{"c":2}' })
    expect(recorder.requests[0]?.url.searchParams.get('b')).toBe('1')
    expect(recorder.requests[0]?.headers.get('x-a')).toBe('1')
  })
})
