import { createHash, randomBytes } from 'node:crypto'
import { constants, promises as fs } from 'node:fs'
import { hostname, tmpdir } from 'node:os'
import { basename, dirname, join } from 'node:path'
import { describeFsError } from './input/whole-file.js'
import { privateMode } from './secure-file.js'
import { InputError } from './usage-error.js'

/** Who holds a lock: written into the lock file when it is taken. */
export interface LockHolder {
  pid: number
  /** When the holder's run started, ISO 8601. */
  started: string
  host: string
  /** What it runs, e.g. `customer-groups sync groups.yaml`. */
  command: string
}

/** Another run holds a lock this run needs: exit code 2, naming the holder. */
export class LockedError extends InputError {}

/** The lock of a journal, beside it: one run writes a journal at a time. */
export function journalLockPath(journal: string): string {
  return join(dirname(journal), `${basename(journal)}.lock`)
}

/**
 * The lock of a shop on this machine (provider, credential hash, base URL:
 * see `shopOf`), in `CUSTOMER_GROUPS_LOCK_DIR`, else a private folder in the
 * system's temporary folder: two runs on one shop, even with other files or
 * journals, would both create the groups it lacks.
 */
export async function shopLockPath(shop: string, env: NodeJS.ProcessEnv): Promise<string> {
  const uid = typeof process.getuid === 'function' ? process.getuid() : 'user'
  const folder = env.CUSTOMER_GROUPS_LOCK_DIR ?? join(tmpdir(), `customer-groups-${uid}`)
  await fs.mkdir(folder, { recursive: true, mode: 0o700 })
  return join(folder, `shop-${createHash('sha256').update(shop).digest('hex').slice(0, 24)}.lock`)
}

/**
 * Locks held for a whole run. Each is a file created exclusively with the
 * holder's pid, start time, host and command, so a second run refuses to
 * start and names the holder. A lock whose process is gone (killed, crashed)
 * is taken over with a notice; taking over is itself guarded, so two runs
 * that find the same stale lock never both get it.
 */
export class RunLocks {
  readonly #held: { path: string; token: string }[] = []

  private constructor() {}

  /** Takes every lock, in order; if one is held by a live run, releases those taken and throws `LockedError`. */
  static async acquire(
    locks: readonly { path: string; what: string }[],
    command: string,
    notice: (text: string) => void,
  ): Promise<RunLocks> {
    const run = new RunLocks()
    const holder: LockHolder = {
      pid: process.pid,
      started: new Date().toISOString(),
      host: hostname(),
      command,
    }
    try {
      for (const lock of locks) await run.#take(lock.path, lock.what, holder, notice)
    } catch (error) {
      await run.release()
      throw error
    }
    return run
  }

  /** Takes more locks for the same run (the shops, once they are known); throws `LockedError` as `acquire` does. */
  async add(
    locks: readonly { path: string; what: string }[],
    command: string,
    notice: (text: string) => void,
  ): Promise<void> {
    const holder: LockHolder = {
      pid: process.pid,
      started: new Date().toISOString(),
      host: hostname(),
      command,
    }
    for (const lock of locks) await this.#take(lock.path, lock.what, holder, notice)
  }

  /** Removes the locks this run holds (only its own: a lock taken over meanwhile is left alone). */
  async release(): Promise<void> {
    for (const { path, token } of this.#held.splice(0).reverse()) {
      const current = await readHolder(path)
      if (current?.token === token) await fs.rm(path, { force: true })
    }
  }

  async #take(path: string, what: string, holder: LockHolder, notice: (text: string) => void): Promise<void> {
    const token = randomBytes(12).toString('hex')
    const content = `${JSON.stringify({ ...holder, token })}\n`
    for (let tries = 0; tries < 5; tries++) {
      if (tries > 0) await new Promise((resolve) => setTimeout(resolve, 20 * tries))
      if (await createWith(path, content)) {
        this.#held.push({ path, token })
        return
      }
      const current = await readHolder(path)
      if (current === undefined) continue // Released between the two steps: try again.
      if (isAlive(current))
        throw new LockedError(`${what} is in use by ${describeHolder(current)}; wait for that run to end`)
      await takeOver(path, current, notice, what)
    }
    throw new LockedError(`${what} is being locked by another run at this moment; try again`)
  }
}

/** Creates the lock with its content in one step: written aside, then linked into place (fails if it exists). */
async function createWith(path: string, content: string): Promise<boolean> {
  const aside = join(dirname(path), `.${basename(path)}.${randomBytes(8).toString('hex')}.tmp`)
  let handle: fs.FileHandle
  try {
    handle = await fs.open(aside, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, privateMode)
  } catch (error) {
    // A folder that is missing or not writable: said before anything is sent, as a bad path is.
    throw new InputError(`Cannot create the lock ${path}: ${describeFsError(error)}`)
  }
  try {
    await handle.writeFile(content)
  } finally {
    await handle.close()
  }
  try {
    await fs.link(aside, path)
    return true
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false
    throw error
  } finally {
    await fs.rm(aside, { force: true })
  }
}

/**
 * Removes a lock whose holder is gone. Only one run may do it at a time (a
 * `.takeover` file created exclusively), and only if the lock is still the
 * dead holder's, so a fresh lock another run just took is never removed.
 */
async function takeOver(
  path: string,
  stale: LockHolder & { token: string },
  notice: (text: string) => void,
  what: string,
): Promise<void> {
  const guard = `${path}.takeover`
  if (!(await createWith(guard, `${JSON.stringify({ pid: process.pid })}\n`))) {
    const taker = await readHolder(guard)
    // A taker that died during the takeover leaves its guard: removed, so a later try goes ahead.
    if (taker !== undefined && !isAlive({ ...taker, host: hostname() })) await fs.rm(guard, { force: true })
    return
  }
  try {
    const current = await readHolder(path)
    if (current?.token !== stale.token) return
    await fs.rm(path, { force: true })
    notice(
      `Note: ${what} was held by ${describeHolder(stale)}, which is no longer running; this run takes it over.`,
    )
  } finally {
    await fs.rm(guard, { force: true })
  }
}

async function readHolder(path: string): Promise<(LockHolder & { token: string }) | undefined> {
  try {
    const text = await fs.readFile(path, 'utf8')
    const value = JSON.parse(text) as Partial<LockHolder & { token: string }>
    if (!Number.isSafeInteger(value.pid)) return undefined
    return {
      pid: value.pid as number,
      started: String(value.started ?? 'an unknown time'),
      host: String(value.host ?? ''),
      command: String(value.command ?? 'customer-groups'),
      token: String(value.token ?? ''),
    }
  } catch {
    return undefined
  }
}

/** Whether the holder still runs. A holder on another host (a shared folder) cannot be checked: it counts as alive. */
function isAlive(holder: Pick<LockHolder, 'pid' | 'host'>): boolean {
  if (holder.host !== '' && holder.host !== hostname()) return true
  try {
    process.kill(holder.pid, 0)
    return true
  } catch (error) {
    // EPERM: the process exists, under another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

function describeHolder(holder: LockHolder): string {
  const host = holder.host !== '' && holder.host !== hostname() ? ` on ${holder.host}` : ''
  return `process ${holder.pid}${host} (${holder.command.slice(0, 200)}), started ${holder.started.slice(0, 40)}`
}
