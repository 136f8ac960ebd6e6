import { spawn } from 'node:child_process'
import { startFaultServer } from '@customer-groups/testing'
import { describe, expect, it } from 'vitest'
import { successBodyOf } from './providers.js'

const xtrakitEntry = import.meta.resolve('@customer-groups/xtrakit')

/**
 * Runs one call in a fresh Node process and measures how long the process
 * lives after the call settles. A leaked timer (60 s default timeout, a 30 s
 * backoff) or a held socket would keep it alive.
 */
async function lingerAfterCall(
  baseUrl: string,
  abortAfterMs?: number,
): Promise<{ settled: string; lingerMs: number }> {
  const script = `
    import { createXtrakit } from ${JSON.stringify(xtrakitEntry)}
    const signal = ${abortAfterMs === undefined ? 'undefined' : `AbortSignal.timeout(${abortAfterMs})`}
    const client = createXtrakit({ apiKey: 'k', baseUrl: ${JSON.stringify(baseUrl)} })
    const settled = await client.updateCustomerGroup({ id: '1', group_name: 'VIP' }, { signal }).then(() => 'ok', (e) => e.name)
    console.log(settled)
  `
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  let settledAt = 0
  let output = ''
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString()
    settledAt ||= performance.now()
  })
  const killer = setTimeout(() => child.kill('SIGKILL'), 20_000)
  await new Promise((resolve) => child.once('exit', resolve))
  clearTimeout(killer)
  return { settled: output.trim(), lingerMs: performance.now() - settledAt }
}

describe('no timer or socket is left behind', () => {
  it.each([
    ['a successful call', [{ status: 200, body: successBodyOf('xtrakit') }], undefined, 'ok'],
    [
      'a call that retried once',
      [
        { status: 503, body: { error: 'x' }, headers: { 'retry-after': '0' } },
        { status: 200, body: successBodyOf('xtrakit') },
      ],
      undefined,
      'ok',
    ],
    [
      'a call aborted during a 30 s backoff',
      [{ status: 503, body: { error: 'x' }, headers: { 'retry-after': '30' } }],
      300,
      'APIUserAbortError',
    ],
  ] as const)('the process exits promptly after %s', async (_, faults, abortAfterMs, settled) => {
    const server = await startFaultServer({ faults: [...faults] })
    try {
      const result = await lingerAfterCall(server.url, abortAfterMs)
      expect(result.settled).toBe(settled)
      // A leaked timer would keep it 30 s (the backoff) or 60 s (the default timeout); a process
      // that ends by itself does so in milliseconds, or seconds on a very busy machine.
      expect(result.lingerMs).toBeLessThan(10_000)
    } finally {
      await server.close()
    }
  })
})
