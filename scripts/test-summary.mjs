// Adds up the per-package Vitest JSON reports (turbo restores them on cache hits) into one closing line.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
// Every workspace folder: top-level ones (specs, examples, tests) and packages/*.
const topLevel = readdirSync(root, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.') && entry.name !== 'node_modules')
  .map((entry) => entry.name)
const dirs = [...topLevel, ...readdirSync(join(root, 'packages')).map((name) => join('packages', name))]

let passed = 0
let failed = 0
let skipped = 0
const rows = []
for (const dir of dirs) {
  const report = join(root, dir, '.vitest-report.json')
  if (!existsSync(report)) continue
  const { numPassedTests, numFailedTests, numPendingTests, numTodoTests } = JSON.parse(
    readFileSync(report, 'utf8'),
  )
  passed += numPassedTests
  failed += numFailedTests
  skipped += numPendingTests + numTodoTests
  rows.push(`  ${dir.padEnd(20)} ${numPassedTests} passed, ${numFailedTests} failed`)
}
if (rows.length === 0) {
  console.error('No test reports found: did `turbo run test` run?')
  process.exit(1)
}
console.log(`\nTest reports:\n${rows.join('\n')}`)
console.log(`Tests: ${passed} passed, ${failed} failed, ${skipped} skipped`)
if (failed > 0 || passed === 0) process.exit(1)
