import { spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { hostname, tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { LockedError, RunLocks } from './run-lock.js'

const folder = mkdtempSync(join(tmpdir(), 'cg-locks-'))
/** A pid that is certainly not running: a process that has exited. */
const deadPid = spawnSync(process.execPath, ['-e', '0']).pid as number

describe('run locks', () => {
  it('lets one run hold a lock; a second is refused, naming the holder', async () => {
    const path = join(folder, 'one.lock')
    const first = await RunLocks.acquire(
      [{ path, what: 'the journal J' }],
      'customer-groups sync a.yaml',
      () => {},
    )
    const error = await RunLocks.acquire([{ path, what: 'the journal J' }], 'other', () => {}).catch(
      (caught: unknown) => caught,
    )
    expect(error).toBeInstanceOf(LockedError)
    expect((error as Error).message).toMatch(
      new RegExp(
        `^the journal J is in use by process ${process.pid} \\(customer-groups sync a\\.yaml\\), started \\d{4}-`,
      ),
    )
    await first.release()
    const again = await RunLocks.acquire([{ path, what: 'the journal J' }], 'other', () => {})
    await again.release()
  })

  it('takes over a lock whose process is gone, with a notice', async () => {
    const path = join(folder, 'stale.lock')
    writeFileSync(
      path,
      JSON.stringify({
        pid: deadPid,
        started: '2026-01-01T00:00:00.000Z',
        host: hostname(),
        command: 'old',
        token: 't',
      }),
    )
    const notices: string[] = []
    const locks = await RunLocks.acquire([{ path, what: 'the shop' }], 'new', (text) => notices.push(text))
    expect(notices).toEqual([
      `Note: the shop was held by process ${deadPid} (old), started 2026-01-01T00:00:00.000Z, which is no longer running; this run takes it over.`,
    ])
    await locks.release()
  })

  it('gives a stale lock to one of two runs that find it at once, never to both', async () => {
    for (let round = 0; round < 20; round++) {
      const path = join(folder, `race-${round}.lock`)
      writeFileSync(
        path,
        JSON.stringify({ pid: deadPid, started: 'then', host: hostname(), command: 'old', token: 't' }),
      )
      const attempts = await Promise.allSettled(
        [1, 2, 3].map((run) => RunLocks.acquire([{ path, what: 'the shop' }], `run ${run}`, () => {})),
      )
      expect(attempts.filter((attempt) => attempt.status === 'fulfilled')).toHaveLength(1)
      for (const attempt of attempts) if (attempt.status === 'fulfilled') await attempt.value.release()
    }
  })

  it('releases every lock it took when a later one is held', async () => {
    const [a, b] = [join(folder, 'a.lock'), join(folder, 'b.lock')]
    const holder = await RunLocks.acquire([{ path: b, what: 'b' }], 'holder', () => {})
    await expect(
      RunLocks.acquire(
        [
          { path: a, what: 'a' },
          { path: b, what: 'b' },
        ],
        'second',
        () => {},
      ),
    ).rejects.toBeInstanceOf(LockedError)
    const onlyA = await RunLocks.acquire([{ path: a, what: 'a' }], 'third', () => {})
    await onlyA.release()
    await holder.release()
  })
})
