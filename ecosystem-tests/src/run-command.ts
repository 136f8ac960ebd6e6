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
