// Helpers for the CLI's end-to-end tests: the built bin, files, and a recording server.
import { type ChildProcess, execFile, spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PassThrough } from 'node:stream'
import { fileURLToPath } from 'node:url'
import { loadTestKit, providerIds } from '@customer-groups/registry'
import { isSecretHeader, type ProviderTestKit } from '@customer-groups/runtime'
import { type FaultRequest, type FaultServer, startFaultServer } from '@customer-groups/testing'
import { run } from './src/run.js'

/** Every registered provider's test kit: the shapes of its answers and its error envelope. */
const kits = new Map<string, ProviderTestKit>(
  await Promise.all(providerIds().map(async (id) => [id, await loadTestKit(id)] as const)),
)

export const bin = fileURLToPath(new URL('./dist/cli.js', import.meta.url))
export const token = 'cli_SECRET_TOKEN_8812'
export const work = mkdtempSync(join(tmpdir(), 'cg-cli-'))

export interface Result {
  code: number | null
  stdout: string
  stderr: string
}

export function cli(args: string[], env: Record<string, string> = {}, shell?: string): Promise<Result> {
  const [command, commandArgs] =
    shell === undefined
      ? [process.execPath, [bin, ...args]]
      : ['/bin/bash', ['-c', `${shell}; exec "$0" "$@"`, process.execPath, bin, ...args]]
  return new Promise((resolve) => {
    execFile(
      command,
      commandArgs,
      { env: { PATH: process.env.PATH ?? '', ...env }, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        resolve({ code: error === null ? 0 : ((error as { code?: number }).code ?? null), stdout, stderr })
      },
    )
  })
}

/** Starts the bin without waiting for it. */
export function spawnCli(
  args: string[],
  env: Record<string, string>,
): { child: ChildProcess; exited: Promise<number | null> } {
  const child = spawn(process.execPath, [bin, ...args], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: 'ignore',
  })
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  return { child, exited }
}

export function file(name: string, content: string): string {
  const path = join(work, name)
  writeFileSync(path, content)
  return path
}

export const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>

/** The journal's records, parsed; a last record cut short (no line feed) is left out. */
export function journalRecords(path: string): Record<string, unknown>[] {
  const lines = readFileSync(path, 'utf8').split('\n')
  // The text after the last line feed is a whole record only if it parses.
  const last = lines.pop() ?? ''
  const records = lines
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>)
  try {
    if (last.trim() !== '') records.push(JSON.parse(last) as Record<string, unknown>)
  } catch {
    // Cut short by a crash or a failed write.
  }
  return records
}

export interface GroupServer {
  server: FaultServer
  url: string
  /** id → the last name applied, as of each answer. */
  state: Map<string, unknown>
  /** Most requests in flight at once, per credential header value. */
  maxInFlight: Map<string, number>
  /** Requests received so far, by group id. */
  ids(from?: number): string[]
  /** Resolves once `count` requests in all have arrived. */
  received(count: number): Promise<void>
  close(): Promise<void>
}

/**
 * A loopback server answering every registered provider's updates, in each
 * one's own shape (its test kit's), the provider read from the request's
 * User-Agent. It applies a request's name when it answers (after
 * `delayMs(request)`), so a reordered pair of updates ends with the wrong
 * name, and counts requests in flight per credential.
 */
export async function startGroupServer(
  options: {
    delayMs?: (id: string, request: FaultRequest) => number
    warnings?: (id: string) => { errorCode: string; message: string; instance: string }[] | null
    status?: (id: string) => number | undefined
  } = {},
): Promise<GroupServer> {
  const state = new Map<string, unknown>()
  const inFlight = new Map<string, number>()
  const maxInFlight = new Map<string, number>()
  const waiters: { count: number; resolve: () => void }[] = []
  let server: FaultServer | undefined
  const idOf = (request: FaultRequest) => /groups\/([^/?]+)/.exec(request.url)?.[1] ?? ''
  server = await startFaultServer({
    faults: [],
    maxRequests: 100_000,
    respond(request) {
      const id = idOf(request)
      const kit = kitOf(request)
      const credential = String(
        Object.entries(request.headers).find(([name]) => isSecretHeader(name))?.[1] ?? '',
      )
      const fields = kit.groupFields(request.body === '' ? {} : JSON.parse(request.body))
      const delay = Math.max(1, options.delayMs?.(id, request) ?? 1)
      const now = (inFlight.get(credential) ?? 0) + 1
      inFlight.set(credential, now)
      maxInFlight.set(credential, Math.max(now, maxInFlight.get(credential) ?? 0))
      // Created before the server's own timer of the same delay, so it runs just before the answer is sent.
      setTimeout(() => {
        inFlight.set(credential, (inFlight.get(credential) ?? 1) - 1)
        state.set(id, fields.name)
      }, delay)
      const count = server?.requests.length ?? 0
      for (const waiter of waiters.filter((candidate) => count >= candidate.count)) {
        waiters.splice(waiters.indexOf(waiter), 1)
        waiter.resolve()
      }
      const status = options.status?.(id)
      if (status !== undefined)
        return { status, delayMs: delay, body: kit.errorBody(`No group ${id}.`, status) }
      const group = {
        id,
        name: typeof fields.name === 'string' ? fields.name : `group ${id}`,
        description: typeof fields.description === 'string' ? fields.description : null,
      }
      const answer = kit.updateAnswer(group) as Record<string, unknown>
      // Non-fatal problems beside the answer, where the provider reports them there (`errors`).
      const warnings = options.warnings?.(id)
      return { status: 200, delayMs: delay, body: warnings ? { ...answer, errors: warnings } : answer }
    },
  })
  const started = server
  return {
    server: started,
    url: started.url,
    state,
    maxInFlight,
    ids: (from = 0) => started.requests.slice(from).map(idOf),
    received: (count) =>
      started.requests.length >= count
        ? Promise.resolve()
        : new Promise((resolve) => {
            waiters.push({ count, resolve })
          }),
    close: () => started.close(),
  }
}

/** The kit of the provider a request is for, read from its User-Agent (`customer-groups-<id>/<version>`). */
function kitOf(request: FaultRequest): ProviderTestKit {
  const id = /^customer-groups-([a-z0-9-]+)\//.exec(String(request.headers['user-agent']))?.[1] ?? ''
  const kit = kits.get(id)
  if (kit === undefined)
    throw new Error(`a request from no registered provider: ${request.headers['user-agent']}`)
  return kit
}

/**
 * Runs the CLI in this process with a terminal-like prompt: types `typed` once
 * the question is asked, or closes the input there (Ctrl-D) when undefined.
 */
export async function answering(
  args: string[],
  typed: string | undefined,
): Promise<{ code: number; out: string; err: string; prompt: string }> {
  const input = Object.assign(new PassThrough(), { isTTY: true })
  const promptOutput = new PassThrough()
  let out = ''
  let err = ''
  let prompt = ''
  promptOutput.on('data', (chunk: Buffer) => {
    prompt += chunk.toString()
    if (prompt.endsWith('[y/N] ') && !input.writableEnded) {
      if (typed === undefined) input.end()
      else input.end(typed)
    }
  })
  const code = await run(args, {
    out: (text) => {
      out += `${text}\n`
    },
    err: (text) => {
      err += `${text}\n`
    },
    progressStream: process.stderr,
    prompt: { input, output: promptOutput },
  })
  return { code, out, err, prompt }
}
