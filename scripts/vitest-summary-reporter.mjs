// A Vitest reporter that writes what the closing line of `pnpm test` is made of, from Vitest's own
// record of every module, suite and test that ran, into `.vitest-summary.json` beside the package.
// Vitest's JSON reporter leaves out unhandled errors, so a run could fail with nothing counted as failed.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'

/** Where the summary goes, relative to the project's root. */
export const summaryFile = '.vitest-summary.json'

/** How many failures are listed by name; the count is always whole. */
const listedFailures = 50

/**
 * Counts a run. Failed: tests that failed or never ran (`pending`), every error a
 * test module, suite or hook raised outside a test (a file that does not load, a
 * `beforeAll` that throws), every unhandled error, an interrupted run, a run that
 * failed before any file (a global set-up that throws) and a run with no test file.
 */
export function summarize(testModules, unhandledErrors, reason) {
  const counts = { passed: 0, failed: 0, skipped: 0 }
  const failures = []
  const fail = (kind, name, message) => {
    counts.failed++
    if (failures.length < listedFailures) failures.push({ kind, name, message: firstLine(message) })
  }
  for (const testModule of testModules) {
    const file = testModule.relativeModuleId ?? testModule.moduleId
    for (const error of testModule.errors()) fail('module', file, error.message)
    for (const suite of testModule.children.allSuites()) {
      for (const error of suite.errors()) fail('suite', `${file} > ${suite.fullName}`, error.message)
    }
    for (const test of testModule.children.allTests()) {
      const result = test.result()
      if (result.state === 'passed') counts.passed++
      else if (result.state === 'skipped') counts.skipped++
      else {
        const message = result.state === 'pending' ? 'did not run' : (result.errors?.[0]?.message ?? '')
        fail('test', `${file} > ${test.fullName}`, message)
      }
    }
  }
  for (const error of unhandledErrors) fail('unhandled', error.name ?? 'Error', error.message)
  if (reason === 'interrupted') fail('run', 'the run', 'was interrupted before every test ran')
  // Vitest reports a global set-up that throws as a failed run with no module and no error.
  else if (reason === 'failed' && counts.failed === 0)
    fail('run', 'the run', 'failed outside every test file (its global set-up or configuration)')
  else if (testModules.length === 0) fail('run', 'the run', 'found no test file')
  return { ...counts, reason, failures }
}

function firstLine(message) {
  return String(message ?? '')
    .split('\n')[0]
    .slice(0, 300)
}

export default class SummaryReporter {
  onInit(vitest) {
    this.root = vitest.config.root
  }

  onTestRunEnd(testModules, unhandledErrors, reason) {
    const summary = summarize(testModules, unhandledErrors, reason)
    writeFileSync(join(this.root, summaryFile), `${JSON.stringify(summary, null, 2)}\n`)
  }
}
