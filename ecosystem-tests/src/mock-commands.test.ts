import { accessSync, constants, readdirSync, readFileSync, realpathSync } from 'node:fs'
import { delimiter, join } from 'node:path'
import { beforeAll, describe, expect, inject, it } from 'vitest'
import { toolsProject } from './project.js'
import { lastJsonLine, runCommand, startCommand } from './run-command.js'
import { type Runtime, runtimes } from './runtimes.js'

/**
 * `startMockServer`, `customer-groups mock` and `customer-groups-mock` from
 * Bun and Deno: Prism is a Node program, so they run it on the `node` from
 * PATH, and say so at once when there is none. (Node itself is covered by
 * the packages' own tests.) `startMockServer` runs on both; each command,
 * a thin caller of it, on one of the two, since every Prism start costs
 * seconds of CPU.
 */
const { work, runtimesDir } = inject('ecosystem')
const onBunAndDeno = runtimes(runtimesDir).filter((runtime) => runtime.id === 'bun' || runtime.id === 'deno')

let project: string
beforeAll(async () => {
  // Every package, the CLI and the testing package with Prism among them: the global setup installs them.
  project = await toolsProject(work)
}, 180_000)

/** Runs a file of the project on the runtime with every permission, as a tool is run. */
function commandOn(runtime: Runtime, file: string, args: string[] = []): [string, string[]] {
  const binary = runtime.command?.file
  if (binary === undefined) throw new Error(`no ${runtime.label} for ${process.platform}-${process.arch}`)
  const script = join(project, file)
  return runtime.id === 'deno'
    ? [binary, ['run', '-A', '--no-lock', script, ...args]]
    : [binary, [script, ...args]]
}

function which(name: string): string {
  for (const folder of (process.env.PATH ?? '').split(delimiter)) {
    try {
      accessSync(join(folder, name), constants.X_OK)
      return join(folder, name)
    } catch {
      // Not here.
    }
  }
  throw new Error(`no ${name} on PATH`)
}

const environment = (extra: Record<string, string> = {}) => ({
  PATH: process.env.PATH,
  HOME: process.env.HOME,
  NO_COLOR: '1',
  DENO_DIR: join(work, 'deno'),
  ...extra,
})

/** The executables of a process's children (Linux). */
function childExecutables(pid: number | undefined): string[] {
  const tasks = join('/proc', String(pid), 'task')
  return readdirSync(tasks)
    .flatMap((task) =>
      readFileSync(join(tasks, task, 'children'), 'utf8')
        .trim()
        .split(/\s+/)
        .filter(Boolean),
    )
    .map((child) => realpathSync(join('/proc', child, 'exe')))
}

const cli = join('node_modules', '@customer-groups', 'cli', 'dist', 'cli.js')
const mockBin = join('node_modules', '@customer-groups', 'testing', 'dist', 'cli.js')

describe.each(onBunAndDeno.map((runtime) => [runtime.label, runtime] as const))('%s', (_label, runtime) => {
  // A command's test exists on its one runtime only: not run elsewhere, so not reported as skipped.
  const onRuntime = (id: Runtime['id']) =>
    runtime.id === id ? it.concurrent : (_name: string, _test: () => Promise<void>) => {}

  it.concurrent('startMockServer serves, close() stops Prism, and the program then ends by itself', async () => {
    const [file, args] = commandOn(runtime, 'mock-server.js')
    const finished = await runCommand(file, args, { cwd: project, env: environment() })
    const outcome = lastJsonLine(finished, `the mock program on ${runtime.label}`) as {
      url: string
      status: number
    }
    expect(outcome).toEqual({ url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/), status: 200 })
    await expect(fetch(outcome.url)).rejects.toThrow()
  })

  it.concurrent('without Node on PATH, startMockServer says at once that Prism needs it', async () => {
    const [file, args] = commandOn(runtime, 'mock-server.js')
    const started = performance.now()
    const finished = await runCommand(file, args, {
      cwd: project,
      env: environment({ PATH: '/nonexistent' }),
    })
    expect(lastJsonLine(finished, `the mock program on ${runtime.label}`)).toEqual({
      error:
        'Prism runs on Node.js, and there is none on PATH: install Node.js 20.19 or newer on PATH, or set CUSTOMER_GROUPS_NODE to its path',
    })
    // At once, not after Prism's 30 s start timeout; with room for a very busy machine.
    expect(performance.now() - started).toBeLessThan(20_000)
  })

  onRuntime('deno')('`customer-groups mock` serves until Ctrl-C, and the CLI calls it', async () => {
    const [file, args] = commandOn(runtime, cli, ['mock', 'xtrakit'])
    const mock = startCommand(file, args, { cwd: project, env: environment() })
    try {
      const [, url = ''] = await mock.waitFor(/^xtrakit: (http:\/\/127\.0\.0\.1:\d+)/m)
      // Prism runs on the Node.js from PATH, not on the runtime that started it.
      expect(childExecutables(mock.pid)).toEqual([realpathSync(which('node'))])
      const [getFile, getArgs] = commandOn(runtime, cli, [
        'get',
        '--provider',
        'xtrakit',
        '--id',
        '1',
        '--json',
      ])
      const got = await runCommand(getFile, getArgs, {
        cwd: project,
        env: environment({ XTRAKIT_BASE_URL: url, XTRAKIT_API_KEY: 'mock-key' }),
      })
      expect(lastJsonLine(got, `customer-groups get on ${runtime.label}`)).toMatchObject({
        group: { id: '1', provider: 'xtrakit' },
      })
      const stopped = await mock.stop('SIGINT')
      expect(stopped.code).toBe(0)
      await expect(fetch(url)).rejects.toThrow()
    } finally {
      await mock.stop('SIGKILL')
    }
  })

  onRuntime('bun')('`customer-groups-mock` serves until Ctrl-C', async () => {
    const [file, args] = commandOn(runtime, mockBin, ['shoptet'])
    const mock = startCommand(file, args, { cwd: project, env: environment() })
    try {
      const [, url = ''] = await mock.waitFor(/^shoptet: (http:\/\/127\.0\.0\.1:\d+)/m)
      const response = await fetch(`${url}/api/customers/groups`, {
        // Shoptet's spec requires Content-Type on every request, a list included.
        headers: { 'content-type': 'application/json', 'shoptet-access-token': 't' },
      })
      expect(response.status).toBe(200)
      const stopped = await mock.stop('SIGINT')
      expect(stopped.code).toBe(0)
      await expect(fetch(url)).rejects.toThrow()
    } finally {
      await mock.stop('SIGKILL')
    }
  })
})
