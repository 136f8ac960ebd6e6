import { execFile } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'

/**
 * The closing line of `pnpm test` must not say "0 failed" when anything failed: these run real
 * Vitest processes on files that fail in every way a file can, and the summary over packages.
 */
const run = promisify(execFile)
const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const reporter = join(repo, 'scripts', 'vitest-summary-reporter.mjs')
const summary = join(repo, 'scripts', 'test-summary.mjs')
const work = mkdtempSync(join(tmpdir(), 'cg-summary-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))

/** A project of test files, run by the repository's Vitest with the summary reporter; returns what it wrote. */
async function vitestSummary(name: string, files: Record<string, string>) {
  const project = join(work, name)
  mkdirSync(project)
  // The files import `vitest`, found through the repository's installation.
  symlinkSync(join(repo, 'node_modules'), join(project, 'node_modules'))
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name, type: 'module', private: true }))
  for (const [file, text] of Object.entries(files)) writeFileSync(join(project, file), text)
  const vitest = join(repo, 'node_modules', 'vitest', 'vitest.mjs')
  const exit = await run(process.execPath, [vitest, 'run', '--reporter=dot', `--reporter=${reporter}`], {
    cwd: project,
    env: { ...process.env, CI: '1', NO_COLOR: '1' },
  }).then(
    () => 0,
    (error: { code?: number }) => error.code ?? 1,
  )
  return {
    exit,
    summary: JSON.parse(readFileSync(join(project, '.vitest-summary.json'), 'utf8')) as {
      passed: number
      failed: number
      skipped: number
      failures: { kind: string; name: string; message: string }[]
    },
  }
}

// Each run starts a Vitest process of its own: seconds on a busy 2-core machine.
const runTimeoutMs = 60_000

describe('the Vitest summary reporter', () => {
  it(
    'counts a file that fails to load, an error outside a test and an unhandled error as failures',
    async () => {
      const { exit, summary: counted } = await vitestSummary('broken', {
        'passes.test.js': `import { it, expect } from 'vitest'
it('passes', () => expect(1).toBe(1))
it.skip('is skipped', () => {})
`,
        'throws-while-loading.test.js': `import { it } from 'vitest'
throw new Error('broken at load')
it('never collected', () => {})
`,
        'hook-throws.test.js': `import { beforeAll, describe, it } from 'vitest'
describe('a suite', () => {
  beforeAll(() => { throw new Error('broken set-up') })
  it('cannot run', () => {})
})
`,
        'unhandled.test.js': `import { it } from 'vitest'
it('passes but leaves a rejection behind', async () => {
  setTimeout(() => Promise.reject(new Error('nobody caught me')), 0)
  await new Promise((resolve) => setTimeout(resolve, 50))
})
`,
        'fails.test.js': `import { it, expect } from 'vitest'
it('fails', () => expect(1).toBe(2))
`,
      })
      expect(exit).not.toBe(0)
      const kinds = counted.failures.map((failure) => `${failure.kind}: ${failure.message}`)
      expect(kinds).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^module: .*broken at load/),
          expect.stringMatching(/^suite: .*broken set-up/),
          expect.stringMatching(/^unhandled: .*nobody caught me/),
          expect.stringMatching(/^test: expected 1 to be 2/),
        ]),
      )
      expect(counted.failed).toBe(counted.failures.length)
      expect(counted.failed).toBeGreaterThanOrEqual(4)
      expect(counted.skipped).toBeGreaterThanOrEqual(1)
    },
    runTimeoutMs,
  )

  it(
    'counts a global set-up that throws, although no test file ran',
    async () => {
      const { exit, summary: counted } = await vitestSummary('setup-throws', {
        'vitest.config.js': `export default { test: { globalSetup: ['./setup.js'] } }\n`,
        'setup.js': `export default async function setup() { throw new Error('no mocks today') }\n`,
        'ok.test.js': `import { it } from 'vitest'\nit('never runs', () => {})\n`,
      })
      expect(exit).not.toBe(0)
      expect(counted.failed).toBe(1)
      expect(counted.failures[0]).toMatchObject({
        kind: 'run',
        message: expect.stringMatching(/global set-up/),
      })
    },
    runTimeoutMs,
  )

  it(
    'says 0 failed for a run where everything passed',
    async () => {
      const { exit, summary: counted } = await vitestSummary('green', {
        'ok.test.js': `import { it, expect } from 'vitest'
it('passes', () => expect(2).toBe(2))
`,
      })
      expect(exit).toBe(0)
      expect(counted).toMatchObject({ passed: 1, failed: 0, skipped: 0, failures: [] })
    },
    runTimeoutMs,
  )
})

describe('the closing line over every package', () => {
  /** A workspace whose packages left the given summaries, and a turbo run record with the given tasks. */
  async function closingLine(
    name: string,
    packages: Record<string, object | undefined>,
    tasks: { taskId: string; execution: { exitCode: number } }[],
    turboExitCode = 0,
    filtered = false,
  ) {
    const root = join(work, name)
    mkdirSync(join(root, '.turbo', 'runs'), { recursive: true })
    writeFileSync(
      join(root, 'pnpm-workspace.yaml'),
      `packages:\n${Object.keys(packages)
        .map((p) => `  - ${p}\n`)
        .join('')}`,
    )
    for (const [folder, counts] of Object.entries(packages)) {
      mkdirSync(join(root, folder))
      writeFileSync(
        join(root, folder, 'package.json'),
        JSON.stringify({ name: folder, scripts: { test: 'vitest' } }),
      )
      if (counts !== undefined)
        writeFileSync(join(root, folder, '.vitest-summary.json'), JSON.stringify(counts))
    }
    // As turbo records a task: `folder#task` here, since each folder is named like its package.
    const recorded = tasks.map((task) => {
      const [folder = '', taskName = ''] = task.taskId.split('#')
      return { ...task, task: taskName, package: folder, directory: folder }
    })
    writeFileSync(join(root, '.turbo', 'runs', 'run.json'), JSON.stringify({ tasks: recorded }))
    const options = JSON.stringify({ filtered })
    const script = `import(${JSON.stringify(summary)}).then((m) => process.exit(m.summarizeRun(${JSON.stringify(root)}, ${turboExitCode}, ${options})))`
    return run(process.execPath, ['-e', script]).then(
      ({ stdout }) => ({ exit: 0, stdout }),
      (error: { code: number; stdout: string }) => ({ exit: error.code, stdout: error.stdout }),
    )
  }
  const green = { passed: 3, failed: 0, skipped: 1, reason: 'passed', failures: [] }

  it('passes only when every package left a green summary and no task failed', async () => {
    const { exit, stdout } = await closingLine('all-green', { a: green, b: green }, [])
    expect(stdout).toMatch(/^Tests: 6 passed, 0 failed, 2 skipped$/m)
    expect(exit).toBe(0)
  })

  it('counts a package that left no summary, and a failed lint, as failures', async () => {
    const { exit, stdout } = await closingLine('holes', { a: green, b: undefined }, [
      { taskId: 'a#lint', execution: { exitCode: 1 } },
      { taskId: 'b#test', execution: { exitCode: 1 } },
    ])
    expect(stdout).toMatch(/^Tests: 3 passed, 2 failed, 1 skipped$/m)
    expect(stdout).toContain('b: no test summary')
    expect(stdout).toContain('a#lint failed')
    expect(exit).toBe(1)
  })

  it('narrowed with --filter, expects summaries only of the packages whose tests turbo planned', async () => {
    const { exit, stdout } = await closingLine(
      'filtered',
      { a: green, b: undefined, c: undefined },
      [
        { taskId: 'a#test', execution: { exitCode: 0 } },
        { taskId: 'c#test', execution: { exitCode: 1 } },
      ],
      1,
      true,
    )
    // b was filtered out; c was planned and left nothing, so it counts.
    expect(stdout).not.toContain('b: no test summary')
    expect(stdout).toContain('c: no test summary')
    expect(stdout).toMatch(/^Tests: 3 passed, 1 failed, 1 skipped$/m)
    expect(exit).toBe(1)
  })

  it('never says 0 failed when turbo failed', async () => {
    const { exit, stdout } = await closingLine('turbo-failed', { a: green }, [], 1)
    expect(stdout).toMatch(/^Tests: 3 passed, 1 failed, 1 skipped$/m)
    expect(exit).toBe(1)
  })
})
