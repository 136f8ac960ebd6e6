import { spawn } from 'node:child_process'

export interface Finished {
  code: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
}

/** Runs a command to its end (killed after `timeoutMs`), collecting its output; never rejects for an exit code. */
export function runCommand(
  file: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<Finished> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString()
    })
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString()
    })
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 30_000)
    child.once('error', (error) => {
      clearTimeout(timer)
      reject(error)
    })
    child.once('close', (code, signal) => {
      clearTimeout(timer)
      resolve({ code, signal, stdout, stderr })
    })
  })
}

/** The last line of a finished command's output, parsed as JSON; fails with everything it printed otherwise. */
export function lastJsonLine(finished: Finished, what: string): unknown {
  const line = finished.stdout.trim().split('\n').at(-1) ?? ''
  try {
    if (finished.code === 0) return JSON.parse(line)
  } catch {
    // Reported below with the whole output.
  }
  throw new Error(
    `${what} exited with ${finished.signal ?? `code ${finished.code}`}:\n${finished.stdout}\n${finished.stderr}`.trim(),
  )
}

export interface Running {
  readonly pid: number | undefined
  /** Resolves with the first match of `pattern` in the output so far or to come; rejects if the process ends first. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>
  /** Sends `signal` and resolves once the process has ended (killed outright after `timeoutMs`). */
  stop(signal: NodeJS.Signals, timeoutMs?: number): Promise<Finished>
}

/** Starts a long-running command, such as a server that prints its address and runs until a signal. */
export function startCommand(
  file: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Running {
  const child = spawn(file, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  const changed = new Set<() => void>()
  const notify = () => {
    for (const listener of changed) listener()
  }
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString()
    notify()
  })
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString()
    notify()
  })
  const finished = new Promise<Finished>((resolve) => {
    child.once('close', (code, signal) => {
      resolve({ code, signal, stdout, stderr })
      notify()
    })
  })
  return {
    pid: child.pid,
    waitFor(pattern, timeoutMs = 30_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => settle(new Error(`no ${pattern} within ${timeoutMs} ms`)), timeoutMs)
        const check = () => {
          const match = stdout.match(pattern)
          if (match !== null) settle(undefined, match)
          else if (child.exitCode !== null || child.signalCode !== null)
            settle(new Error(`ended before printing ${pattern}:\n${stdout}\n${stderr}`))
        }
        function settle(error?: Error, match?: RegExpMatchArray) {
          clearTimeout(timer)
          changed.delete(check)
          if (match !== undefined) resolve(match)
          else reject(error)
        }
        changed.add(check)
        check()
      })
    },
    async stop(signal, timeoutMs = 10_000) {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal)
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
      const result = await finished
      clearTimeout(timer)
      return result
    },
  }
}
