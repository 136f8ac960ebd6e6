// The closing line of `pnpm test`, added up from the `.vitest-summary.json` each package's Vitest run
// writes (vitest-summary-reporter.mjs; turbo restores it on a cache hit) and from turbo's own record of
// the run. It can only say "0 failed" when every package that has tests left a summary saying so and
// no task of the run failed: a test file that does not load, an error outside a test, an unhandled
// error, a missing summary and a failed lint, type check or package check all count as failures.
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { summaryFile } from './vitest-summary-reporter.mjs'

/** Every workspace package folder, from the globs of pnpm-workspace.yaml (a folder or `folder/*`). */
export function workspaceFolders(root) {
  const manifest = readFileSync(join(root, 'pnpm-workspace.yaml'), 'utf8')
  const globs = [...(manifest.split(/^packages:\s*$/m)[1] ?? '').matchAll(/^\s+-\s+["']?([^"'\s#]+)/gm)]
  return globs
    .map((match) => match[1])
    .flatMap((glob) =>
      glob.endsWith('/*')
        ? readdirSync(join(root, glob.slice(0, -2))).map((name) => join(glob.slice(0, -2), name))
        : [glob],
    )
    .filter((folder) => existsSync(join(root, folder, 'package.json')))
}

/** The folders whose package has a `test` script: each must leave a summary. */
function testedFolders(root) {
  return workspaceFolders(root).filter((folder) => {
    const manifest = JSON.parse(readFileSync(join(root, folder, 'package.json'), 'utf8'))
    return typeof manifest.scripts?.test === 'string'
  })
}

/** Clears the summaries of earlier runs, so a package whose tests did not run this time cannot pass on one. */
export function removeSummaries(root) {
  for (const folder of testedFolders(root)) rmSync(join(root, folder, summaryFile), { force: true })
}

/** The tasks of the newest turbo run summary (`--summarize`), or none when there is no record. */
function turboTasks(root) {
  const runs = join(root, '.turbo', 'runs')
  if (!existsSync(runs)) return []
  const newest = readdirSync(runs)
    .filter((file) => file.endsWith('.json'))
    .map((file) => join(runs, file))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0]
  if (newest === undefined) return []
  return JSON.parse(readFileSync(newest, 'utf8')).tasks ?? []
}

/**
 * The folders that must leave a summary: every package with tests, or, for a run narrowed with
 * turbo's `--filter`, those whose test task turbo planned (a package the filter left out has none).
 */
function expectedFolders(root, tasks, filtered) {
  const tested = testedFolders(root)
  if (!filtered) return tested
  const planned = new Set(tasks.filter((task) => task.task === 'test').map((task) => task.directory))
  return tested.filter((folder) => planned.has(folder))
}

/**
 * Prints the per-package rows, every failure by name, and the closing line; returns the exit code:
 * non-zero when turbo failed or anything counted as failed, even if the counts alone would pass.
 * `filtered` says the run was narrowed to some packages (`pnpm test -- --filter …`).
 */
export function summarizeRun(root, turboExitCode, { filtered = false } = {}) {
  const tasks = turboTasks(root)
  let passed = 0
  let failed = 0
  let skipped = 0
  const rows = []
  const failures = []
  for (const folder of expectedFolders(root, tasks, filtered)) {
    const file = join(root, folder, summaryFile)
    if (!existsSync(file)) {
      failed++
      failures.push(
        `${folder}: no test summary (its tests did not run to the end, or a task before them failed)`,
      )
      rows.push(`  ${folder.padEnd(24)} no summary`)
      continue
    }
    const summary = JSON.parse(readFileSync(file, 'utf8'))
    passed += summary.passed
    failed += summary.failed
    skipped += summary.skipped
    rows.push(
      `  ${folder.padEnd(24)} ${summary.passed} passed, ${summary.failed} failed, ${summary.skipped} skipped`,
    )
    for (const failure of summary.failures)
      failures.push(`${folder}: ${failure.kind} ${failure.name}: ${failure.message}`)
    if (summary.failures.length < summary.failed)
      failures.push(`${folder}: and ${summary.failed - summary.failures.length} more`)
  }
  // A failed test task is counted above from its summary; any other failed task counts once here.
  const failedOthers = tasks
    .filter((task) => task.execution?.exitCode !== 0 && task.task !== 'test')
    .map((task) => task.taskId)
  failed += failedOthers.length
  for (const task of failedOthers) failures.push(`${task} failed`)
  if (turboExitCode !== 0 && failed === 0) {
    failed++
    failures.push(`turbo exited with code ${turboExitCode} and no task says why`)
  }
  console.log(`\nTest summaries:\n${rows.join('\n')}`)
  if (failures.length > 0) console.log(`\nFailures:\n${failures.map((line) => `  ${line}`).join('\n')}`)
  console.log(`\nTests: ${passed} passed, ${failed} failed, ${skipped} skipped`)
  return failed > 0 || passed === 0 || turboExitCode !== 0 ? 1 : 0
}
