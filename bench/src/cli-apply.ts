import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startStubServer } from './stub-server.js'
import { root } from './timings.js'

export interface CliApplyResult {
  rows: number
  concurrency: number
  /** Seconds, one per round. */
  cli: number[]
  library: number[]
  /** Peak resident memory of the CLI process, in MB, per round. */
  cliPeakMb: number[]
  libraryPeakMb: number[]
  journalBytesPerRow: number
  /** Peak resident memory of `apply --dry-run` on a YAML file of about 5 MB, in MB. */
  yamlDryRun: { megabytes: number; rows: number; peakMb: number; seconds: number }
}

const cliBin = join(root, 'packages', 'cli', 'dist', 'cli.js')
const libraryScript = join(root, 'bench', 'src', 'library-apply.mjs')
/** No timed process may run longer than this. */
const processTimeLimitMs = 10 * 60_000

/** Runs a Node script to its end; returns its wall time (s) and peak RSS (MB), read by a preloaded hook at exit. */
function timeNode(
  args: string[],
  env: Record<string, string>,
  directory: string,
): Promise<{ seconds: number; peakMb: number }> {
  const usageFile = join(directory, `usage-${Date.now()}-${Math.random()}.json`)
  const hook = join(directory, 'peak-rss.mjs')
  writeFileSync(
    hook,
    "import { writeFileSync } from 'node:fs'\nprocess.on('exit', () => writeFileSync(process.env.CG_BENCH_USAGE, JSON.stringify(process.resourceUsage())))\n",
  )
  return new Promise((resolve, reject) => {
    const started = performance.now()
    const child = spawn(process.execPath, ['--import', hook, ...args], {
      env: { PATH: process.env.PATH ?? '', ...env, CG_BENCH_USAGE: usageFile },
      stdio: ['ignore', 'ignore', 'pipe'],
      timeout: processTimeLimitMs,
    })
    let stderr = ''
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-2000)
    })
    child.once('exit', (code) => {
      const seconds = (performance.now() - started) / 1000
      if (code !== 0) return reject(new Error(`${args.join(' ')} exited ${code}: ${stderr}`))
      const usage = JSON.parse(readFileSync(usageFile, 'utf8')) as { maxRSS: number }
      resolve({ seconds, peakMb: usage.maxRSS / 1024 })
    })
  })
}

/**
 * `customer-groups apply` on `rows` Xtrakit rows (JSON Lines) against a
 * loopback server that answers at once, beside the library alone making the
 * same calls at the same concurrency; rounds alternate which goes first.
 */
export async function measureCliApply(options: {
  rows: number
  concurrency: number
  rounds: number
}): Promise<CliApplyResult> {
  const directory = mkdtempSync(join(tmpdir(), 'cg-bench-apply-'))
  const server = await startStubServer()
  try {
    const changes = join(directory, 'changes.jsonl')
    const lines: string[] = []
    for (let id = 1; id <= options.rows; id++)
      lines.push(
        JSON.stringify({
          provider: 'xtrakit',
          id: String(id),
          name: `Group ${id}`,
          description: 'Partners buying in bulk',
        }),
      )
    writeFileSync(changes, `${lines.join('\n')}\n`)
    const env = { XTRAKIT_BASE_URL: server.url, XTRAKIT_API_KEY: 'bench-key' }
    const result: CliApplyResult = {
      rows: options.rows,
      concurrency: options.concurrency,
      cli: [],
      library: [],
      cliPeakMb: [],
      libraryPeakMb: [],
      journalBytesPerRow: 0,
      yamlDryRun: { megabytes: 0, rows: 0, peakMb: 0, seconds: 0 },
    }
    for (let round = 0; round < options.rounds; round++) {
      const journal = join(directory, `journal-${round}.jsonl`)
      const runCli = async () => {
        const { seconds, peakMb } = await timeNode(
          [cliBin, 'apply', changes, '--concurrency', String(options.concurrency), '--journal', journal],
          env,
          directory,
        )
        result.cli.push(seconds)
        result.cliPeakMb.push(peakMb)
        result.journalBytesPerRow = statSync(journal).size / options.rows
        rmSync(journal)
      }
      const runLibrary = async () => {
        const { seconds, peakMb } = await timeNode(
          [libraryScript, String(options.rows), String(options.concurrency), server.url],
          {},
          directory,
        )
        result.library.push(seconds)
        result.libraryPeakMb.push(peakMb)
      }
      if (round % 2 === 0) {
        await runLibrary()
        await runCli()
      } else {
        await runCli()
        await runLibrary()
      }
    }
    // A YAML file of about 5 MB, checked with --dry-run: parsed item by item, not as one document.
    const yaml = join(directory, 'changes.yaml')
    const items: string[] = []
    let size = 0
    for (let id = 1; size < 5_000_000; id++) {
      const item = `- provider: xtrakit\n  id: "${id}"\n  name: Wholesale partners ${id}\n  description: Partners buying in bulk\n`
      items.push(item)
      size += item.length
    }
    writeFileSync(yaml, items.join(''))
    const dryRun = await timeNode([cliBin, 'apply', yaml, '--dry-run'], env, directory)
    result.yamlDryRun = {
      megabytes: size / 1e6,
      rows: items.length,
      peakMb: dryRun.peakMb,
      seconds: dryRun.seconds,
    }
    return result
  } finally {
    await server.close()
    rmSync(directory, { recursive: true, force: true })
  }
}
