import { type ChildProcess, spawn } from 'node:child_process'
import { accessSync, constants, readFileSync, realpathSync } from 'node:fs'
import { createRequire } from 'node:module'
import { createServer } from 'node:net'
import { delimiter, dirname, join } from 'node:path'
import { parse } from 'yaml'
import type { MockServer, StartMockServerOptions } from './mock-server.js'

/** Starts Prism (`mock SPEC` or `proxy SPEC UPSTREAM`) on a free port, retrying when another process took it. */
export async function startPrism(
  options: StartMockServerOptions,
  specPath: string,
  command: string[],
): Promise<MockServer> {
  const host = options.host ?? '127.0.0.1'
  // A free port can be taken between our probe and Prism's bind; try a few times before giving up.
  const tries = options.port === undefined ? 3 : 1
  for (let attempt = 1; ; attempt++) {
    const port = options.port ?? (await findFreePort(host))
    try {
      return await launch({
        specPath,
        command,
        host,
        port,
        errors: options.errors ?? true,
        timeoutMs: options.startTimeoutMs,
      })
    } catch (error) {
      if (attempt >= tries || !String((error as Error).message).includes('EADDRINUSE')) throw error
    }
  }
}

/**
 * Runs Prism inside a process that exits when its parent goes away, even if
 * the parent was killed without running exit handlers: the IPC channel to it
 * closes then, which Prism alone would never notice.
 */
const prismLauncher = [
  "process.on('disconnect', () => process.exit(0))",
  'const [node, entry, ...rest] = process.argv',
  'process.argv = [node, entry, ...rest]',
  'require(entry)',
].join('\n')

/**
 * Which Node.js runs Prism: CUSTOMER_GROUPS_NODE, else this process's own on
 * Node, else the `node` found on PATH; `undefined` when there is none.
 */
function prismNode(): string | undefined {
  const override = process.env.CUSTOMER_GROUPS_NODE
  if (override !== undefined && override !== '') return override
  // Bun and Deno report themselves as process.execPath, and neither runs Prism.
  const host = globalThis as { Bun?: unknown; Deno?: unknown }
  if (host.Bun === undefined && host.Deno === undefined) return process.execPath
  // Where PATH has no Node, Deno (and `bun --bun`) add a `node` that is themselves: not that one.
  const self = realpathSync(process.execPath)
  const name = process.platform === 'win32' ? 'node.exe' : 'node'
  for (const folder of (process.env.PATH ?? '').split(delimiter)) {
    if (folder === '') continue
    const candidate = join(folder, name)
    try {
      accessSync(candidate, constants.X_OK)
      if (realpathSync(candidate) !== self) return candidate
    } catch {
      // Not in this folder.
    }
  }
  return undefined
}

const defaultStartTimeoutMs = 120_000

function noNode(where: string): Error {
  return new Error(
    `Prism runs on Node.js, and there is none ${where}: install Node.js 20.19 or newer on PATH, or set CUSTOMER_GROUPS_NODE to its path`,
  )
}

function prismEntry(): string {
  const require = createRequire(import.meta.url)
  try {
    return join(dirname(require.resolve('@stoplight/prism-cli/package.json')), 'dist', 'index.js')
  } catch (error) {
    throw new Error('Cannot find @stoplight/prism-cli; reinstall @customer-groups/testing', { cause: error })
  }
}

async function launch(settings: {
  specPath: string
  /** `mock SPEC`, or `proxy SPEC UPSTREAM`. */
  command: string[]
  host: string
  port: number
  errors: boolean
  timeoutMs: number | undefined
}): Promise<MockServer> {
  const startTimeoutMs = settings.timeoutMs ?? defaultStartTimeoutMs
  const startedAt = performance.now()
  const args = [
    '-e',
    prismLauncher,
    prismEntry(),
    ...settings.command,
    '-h',
    settings.host,
    '-p',
    String(settings.port),
  ]
  if (settings.errors) args.push('--errors')
  const node = prismNode()
  if (node === undefined) throw noNode('on PATH')
  const child = spawn(node, args, {
    // The IPC channel lets the launcher notice when this process dies.
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' },
  })
  // If the parent exits without calling close(), the child must not outlive it.
  const killOnExit = () => child.kill('SIGKILL')
  process.once('exit', killOnExit)

  let output = ''
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`Prism did not start within ${startTimeoutMs} ms:\n${tail(output)}`))
    }, startTimeoutMs)
    const onData = (chunk: Buffer) => {
      output += chunk.toString()
      if (/Prism is listening on/.test(output)) {
        clearTimeout(timer)
        resolve()
      }
    }
    child.stdout?.on('data', onData)
    child.stderr?.on('data', onData)
    child.once('error', (error) => {
      clearTimeout(timer)
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') reject(noNode(`at "${node}"`))
      else reject(new Error(`Could not start Prism: ${error.message}`, { cause: error }))
    })
    child.once('exit', (code, signal) => {
      clearTimeout(timer)
      reject(new Error(`Prism exited before it was ready (${signal ?? `code ${code}`}):\n${tail(output)}`))
    })
  })
  const url = `http://${settings.host}:${settings.port}`
  try {
    await ready
    // "Listening" is printed before Prism has answered anything, and its first answer is the slow one:
    // it is ready when a real request has come back.
    const left = Math.max(1, Math.ceil(startTimeoutMs - (performance.now() - startedAt)))
    await firstAnswer(url, readinessPath(settings.specPath), left, () => tail(output))
  } catch (error) {
    process.removeListener('exit', killOnExit)
    child.kill('SIGKILL')
    throw error
  }
  // Keep draining output so a chatty Prism never blocks on a full pipe.
  child.stdout?.resume()
  child.stderr?.resume()
  // Neither the pipes nor the IPC channel may keep this process alive; close() ends Prism.
  // Bun's channel has no unref().
  child.channel?.unref?.()
  return {
    url,
    port: settings.port,
    specPath: settings.specPath,
    pid: child.pid,
    close: () => stop(child, killOnExit),
  }
}

async function stop(child: ChildProcess, killOnExit: () => void): Promise<void> {
  process.removeListener('exit', killOnExit)
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  child.kill('SIGTERM')
  const forceful = setTimeout(() => child.kill('SIGKILL'), 3_000)
  await exited
  clearTimeout(forceful)
  child.stdout?.destroy()
  child.stderr?.destroy()
}

/**
 * The spec's first path with a GET, its parameters filled in: asked without a credential, Prism
 * answers it (401 where the spec requires one) after routing and checking it as it does every
 * request, and a stateful mock's in-memory server never sees it.
 */
function readinessPath(specPath: string): string {
  const spec = parse(readFileSync(specPath, 'utf8')) as { paths?: Record<string, { get?: unknown }> }
  const path = Object.entries(spec.paths ?? {}).find(([, item]) => item?.get !== undefined)?.[0] ?? '/'
  return path.replace(/\{[^}]*\}/g, '1')
}

/** Resolves once the server has answered one request, whatever its status. */
async function firstAnswer(
  url: string,
  path: string,
  timeoutMs: number,
  output: () => string,
): Promise<void> {
  const deadline = performance.now() + timeoutMs
  for (;;) {
    try {
      const response = await fetch(url + path, { signal: AbortSignal.timeout(timeoutMs) })
      await response.arrayBuffer()
      return
    } catch (error) {
      if (performance.now() > deadline) {
        throw new Error(`Prism started but did not answer within the start limit:\n${output()}`, {
          cause: error,
        })
      }
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
  }
}

function tail(text: string): string {
  return text.split('\n').slice(-20).join('\n')
}

function findFreePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.unref()
    server.once('error', reject)
    server.listen(0, host, () => {
      const address = server.address()
      const port = typeof address === 'object' && address !== null ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}
