// `pnpm bench`: every measurement side by side with what users would pick instead, printed and
// written to bench/results.md. Goals are ratios taken within one run, never absolute times.
import { readFileSync, statSync, writeFileSync } from 'node:fs'
import { cpus } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { findProvider } from '@customer-groups/registry'
import { type CliApplyResult, measureCliApply } from './cli-apply.js'
import { measureOverhead } from './client-overhead.js'
import { measureColdStart } from './cold-start.js'
import { type Contender, contenders, timedRawFetch } from './contenders.js'
import { measureThroughput } from './http-throughput.js'
import {
  type CallContender,
  callContenders,
  type InstructionResult,
  measureInstructions,
} from './instructions.js'
import { measureListParse } from './list-parse.js'
import { measureMemory } from './memory.js'
import { listParts, measureSizes, sizeGoals, sizeSection } from './size.js'
import { formatSummary, type Summary, sampleTimeLimitMs, summarize } from './stats.js'
import { measureCodegen, measureTestSuite, root } from './timings.js'

const quick = process.argv.includes('--quick')
/** Only the apply section, spliced into the results.md already there. */
const cliOnly = process.argv.includes('--cli-only')
/** Only the test-suite section, spliced into the results.md already there. */
const testSuiteOnly = process.argv.includes('--test-suite-only')
const skipSlow = quick || process.argv.includes('--skip-slow')
const goals = {
  coldStart: 1.1,
  /** Import CPU time against openapi-fetch's. */
  importCpu: 1.4,
  /** Instructions per call: the provider against a hand-written fetch with the same timeout. */
  providerInstructions: 1.02,
  /** Instructions per call: the facade against the provider. */
  facadeInstructions: 1.02,
  /** V8 heap bytes allocated per call, the provider against the hand-written call. */
  allocated: 1.15,
  heapGrowthMb: 1,
  /** Reading, checking and normalizing a list against a hand-written text() + JSON.parse. */
  listToHandWritten: 1.1,
  /** `pnpm generate`, every spec, seconds. */
  codegenSeconds: 1,
  /** `pnpm test` with turbo's cache bypassed, seconds on this 2-core machine (issue #24). */
  testSuiteSeconds: 120,
}
const missed: string[] = []
const lines: string[] = []
const say = (text = '') => {
  lines.push(text)
  console.log(text)
}
const ratio = (summary: Summary) => formatSummary(summary, 2)
const check = (met: boolean, text: string) => {
  if (!met) missed.push(text)
}

const cliGoals = { ratio: 1.3, peakMb: 200 }
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2
}

const testSuiteHeading = '## 9. Test suite'

/** The test-suite section as lines, and the goals it misses. */
function testSuiteSection(): { text: string[]; missed: string[] } {
  const text = [testSuiteHeading, '']
  try {
    const suite = measureTestSuite()
    text.push(
      '| `pnpm test` | Wall (s) | CPU (s) |',
      '| --- | ---: | ---: |',
      `| cold: turbo's cache bypassed (\`-- --force\`) | ${suite.cold.wall.toFixed(1)} | ${suite.cold.cpu.toFixed(1)} |`,
      `| warm: run again at once, nothing changed | ${suite.warm.wall.toFixed(1)} | ${suite.warm.cpu.toFixed(1)} |`,
      '',
      `Measured with the install warm (node_modules, the runtimes and Chromium in place), one run each, the one-minute load average ${suite.loadBefore.toFixed(1)} when the cold run started; CPU is the user and system time of every process the command waited for (Prism included). The wall time moves with whatever else the machine runs; the CPU time much less. Goal: the cold run at most ${goals.testSuiteSeconds} s on this machine.`,
      '',
    )
    const met = suite.cold.wall <= goals.testSuiteSeconds
    return {
      text,
      missed: met
        ? []
        : [
            `\`pnpm test\`, cold, takes ${suite.cold.wall.toFixed(1)} s (goal ≤ ${goals.testSuiteSeconds} s) on the test suite`,
          ],
    }
  } catch (error) {
    const [first, ...rest] = (error as Error).message.split('\n')
    text.push(`The README's test command failed, so it was not timed: ${first}`, '')
    for (const line of rest) text.push(`    ${line}`)
    text.push('')
    return { text, missed: ['the test suite did not pass'] }
  }
}

const applyHeading = '## 10. `customer-groups apply` at scale'

/** The apply section as lines, and the goals it misses. */
function cliSection(result: CliApplyResult): { text: string[]; missed: string[] } {
  const ratios = result.cli.map((seconds, round) => seconds / (result.library[round] ?? Number.NaN))
  const cliRatio = median(ratios)
  const peak = Math.max(...result.cliPeakMb)
  const cliSeconds = median(result.cli)
  const text = [
    applyHeading,
    '',
    `${result.rows.toLocaleString('en-US')} Xtrakit rows (JSON Lines) against a loopback server that answers at once, \`--concurrency ${result.concurrency}\`, beside the library alone (\`updateCustomerGroup\` with one \`createXtrakit\` client) making the same calls at the same concurrency, each in its own Node process, ${result.cli.length} round(s) taking turns to go first. Peak RSS is the process's own \`maxRSS\`.`,
    '',
    '| Measure | CLI | Library alone | CLI / library |',
    '| --- | ---: | ---: | ---: |',
    `| Wall time (s), median | ${cliSeconds.toFixed(1)} | ${median(result.library).toFixed(1)} | ${cliRatio.toFixed(2)} (per round: ${ratios.map((value) => value.toFixed(2)).join(', ')}) |`,
    `| Peak RSS (MB), highest | ${peak.toFixed(0)} | ${Math.max(...result.libraryPeakMb).toFixed(0)} | |`,
    `| Time per row (ms) | ${((cliSeconds / result.rows) * 1000).toFixed(3)} | ${((median(result.library) / result.rows) * 1000).toFixed(3)} | |`,
    `| Journal bytes per row | ${result.journalBytesPerRow.toFixed(1)} | | |`,
    '',
    `\`apply --dry-run\` on a ${result.yamlDryRun.megabytes.toFixed(1)} MB YAML file (${result.yamlDryRun.rows.toLocaleString('en-US')} rows): peak RSS ${result.yamlDryRun.peakMb.toFixed(0)} MB, ${result.yamlDryRun.seconds.toFixed(1)} s.`,
    '',
    `Goals: CLI wall time ≤ ${cliGoals.ratio}× the library's, peak RSS ≤ ${cliGoals.peakMb} MB.`,
  ]
  const cliMissed: string[] = []
  if (cliRatio > cliGoals.ratio)
    cliMissed.push(`apply: ${cliRatio.toFixed(2)}× the library's wall time (goal ≤ ${cliGoals.ratio}×)`)
  if (peak > cliGoals.peakMb)
    cliMissed.push(`apply: peak RSS ${peak.toFixed(0)} MB (goal ≤ ${cliGoals.peakMb} MB)`)
  text.push(cliMissed.length === 0 ? 'Both met in this run.' : `Missed in this run: ${cliMissed.join('; ')}.`)
  text.push('')
  return { text, missed: cliMissed }
}

/**
 * Writes one section into the results.md already there, in place of the same section (or before the
 * goals when it has none), and updates the list of goals missed for what that section measures.
 */
function spliceSection(heading: string, section: { text: string[]; missed: string[] }, stale: RegExp) {
  for (const line of section.text) console.log(line)
  const path = join(root, 'bench', 'results.md')
  const current = readFileSync(path, 'utf8')
  const goalsAt = current.indexOf('## Goals missed')
  const start = current.indexOf(heading)
  const sectionEnd = start === -1 ? goalsAt : current.indexOf('\n## ', start + heading.length) + 1
  const [goals = '', ...rest] = current.slice(goalsAt).split('\n## ')
  const kept = goals
    .split('\n')
    .filter((line) => !(line.startsWith('- ') && stale.test(line)) && line !== 'None.')
  const items = [
    ...kept.filter((line) => line.startsWith('- ')),
    ...section.missed.map((text) => `- ${text}`),
  ]
  const goalsText = ['## Goals missed', '', ...(items.length === 0 ? ['None.'] : items), ''].join('\n')
  const next = [
    current.slice(0, start === -1 ? goalsAt : start),
    `${section.text.join('\n')}\n`,
    current.slice(sectionEnd, goalsAt),
    [goalsText, ...rest].join('\n## '),
  ].join('')
  writeFileSync(path, next)
  console.log(`\n${heading} is written to bench/results.md`)
}

const cliOptions = quick
  ? { rows: 10_000, concurrency: 16, rounds: 1 }
  : { rows: 100_000, concurrency: 16, rounds: 2 }
if (cliOnly) {
  spliceSection(applyHeading, cliSection(await measureCliApply(cliOptions)), /^- apply: /)
  process.exit(0)
}
if (testSuiteOnly) {
  spliceSection(testSuiteHeading, testSuiteSection(), /test suite/)
  process.exit(0)
}

let codegenTimes: { wall: Summary; cpu: Summary } | undefined

say('# Benchmark results')
say()
say(`Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${new Date().toISOString()}.`)
say(
  `Each figure is the median of several runs, with the minimum and maximum in brackets. Contenders take turns within each run, a different one first each time; ratios are taken within a run, then summarized, so they hold while the machine's speed drifts. Wall-clock figures (sections 1, 4, 5, 7, 8, 9, 10) move with whatever else the machine runs; the instruction counts of section 3 and the sizes of section 2 do not. A throughput sample stops starting calls after ${sampleTimeLimitMs / 1000} s.`,
)
say()

say('## 1. Cold start and import')
say()
const coldRuns = quick ? 5 : 21
const cold = await measureColdStart(coldRuns)
say(
  `A fresh Node process imports the client and makes one update against a loopback server, as a serverless function does on a cold start; ${coldRuns} runs each, from the bench's folder, where openapi-fetch and our packages are both installed. Wall time is the whole process, start-up included; the import (\`await import('<package name>')\`, after Node's module loader has started) is timed inside it, in CPU time and wall time.`,
)
say()
say(
  '| Provider | Wall: openapi-fetch | Wall: provider | Wall: facade + provider | provider / openapi-fetch | Import CPU: openapi-fetch | Import CPU: provider | Import CPU: facade + provider | import CPU, provider / openapi-fetch | Import wall: openapi-fetch | Import wall: provider |',
)
say('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |')
for (const row of cold) {
  const ms = (summary: Summary) => `${formatSummary(summary, 1)} ms`
  say(
    `| ${row.provider} | ${ms(row.wall['openapi-fetch'])} | ${ms(row.wall.provider)} | ${ms(row.wall.facade)} | ${ratio(row.providerToOpenapiFetch)} | ${ms(row.importCpuMs['openapi-fetch'])} | ${ms(row.importCpuMs.provider)} | ${ms(row.importCpuMs.facade)} | ${ratio(row.importCpuToOpenapiFetch)} | ${ms(row.importMs['openapi-fetch'])} | ${ms(row.importMs.provider)} |`,
  )
  check(
    row.providerToOpenapiFetch.median <= goals.coldStart,
    `${row.provider}: a cold start takes ${row.providerToOpenapiFetch.median.toFixed(2)}× openapi-fetch's (goal ≤ ${goals.coldStart}×)`,
  )
  check(
    row.importCpuToOpenapiFetch.median <= goals.importCpu,
    `${row.provider}: importing the provider takes ${row.importCpuToOpenapiFetch.median.toFixed(2)}× openapi-fetch's CPU time (goal ≤ ${goals.importCpu}×)`,
  )
}
say()
say(
  `Goals: a cold start (import and first call) at most ${goals.coldStart}× openapi-fetch's wall time; the import at most ${goals.importCpu}× openapi-fetch's CPU time.`,
)
say()

say('## 2. Bundle size')
say()
const sizes = await measureSizes()
const size = sizeSection(sizes)
for (const line of size.lines) say(line)
missed.push(...size.missed)
say(
  `Goals, against this run's assemblies of the same provider: the update alone at most ${sizeGoals.updateOnly}× the smallest assembly's update; the whole package at most ${sizeGoals.whole}× the smallest assembly's whole client; the facade with one provider at most ${sizeGoals.facade}× that provider alone, with one copy of the runtime. ky is 1.14.3, the newest release that runs on Node 20 (ky 2 needs Node 22).`,
)
say()

say('## 3. Per call, in instructions')
say()
const instructions: InstructionResult = await measureInstructions(quick ? 1 : 3)
if ('skipped' in instructions) {
  say(`Skipped: ${instructions.skipped}.`)
  missed.push(`per-call instructions not measured: ${instructions.skipped}`)
} else {
  say(
    `Each contender makes the same update (the same method, URL, headers and body) in a fresh Node process run under valgrind's callgrind (\`node --predictable\`: one thread compiles and collects, and no V8 heuristic depends on the clock), against a loopback server in the bench's own process: only the client is counted. One process makes 100 calls and another 400; (400 calls − 100 calls) / 300 is one call without start-up, import and first compiles. ${quick ? 1 : 3} run(s) each; the ratios and goals use the fewest instructions each process took over the runs, since the machine's load only adds some (more turns of the event loop while an answer is on its way), and the per-run spread is in brackets. Bytes allocated are the V8 heap's growth over 300 calls after 200, with a young generation large enough that no collection runs in between.`,
  )
  say()
  say(
    `| Provider | ${callContenders.map((name) => `Instructions: ${name}`).join(' | ')} | provider / hand-written | facade / provider | ${callContenders.map((name) => `Heap bytes: ${name}`).join(' | ')} | provider / hand-written |`,
  )
  say('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |')
  for (const row of instructions.rows) {
    const count = (name: CallContender) =>
      `${(row.fewest[name] / 1000).toFixed(1)} k (runs: ${(row.instructions[name].min / 1000).toFixed(0)}–${(row.instructions[name].max / 1000).toFixed(0)} k)`
    say(
      `| ${row.provider} | ${callContenders.map(count).join(' | ')} | ${row.providerToHandWritten.toFixed(3)} | ${row.facadeToProvider.toFixed(3)} | ${callContenders.map((name) => `${(row.allocated[name] / 1024).toFixed(1)} kB`).join(' | ')} | ${row.allocatedProviderToHandWritten.toFixed(2)} |`,
    )
    check(
      row.providerToHandWritten <= goals.providerInstructions,
      `${row.provider}: the provider runs ${row.providerToHandWritten.toFixed(3)}× the instructions of a hand-written fetch with the same timeout (goal ≤ ${goals.providerInstructions}×)`,
    )
    check(
      row.facadeToProvider <= goals.facadeInstructions,
      `${row.provider}: the facade runs ${row.facadeToProvider.toFixed(3)}× the provider's instructions (goal ≤ ${goals.facadeInstructions}×)`,
    )
    check(
      row.allocatedProviderToHandWritten <= goals.allocated,
      `${row.provider}: the provider allocates ${row.allocatedProviderToHandWritten.toFixed(2)}× the hand-written call's bytes (goal ≤ ${goals.allocated}×)`,
    )
  }
  say()
  say(
    `Goals: the provider at most ${goals.providerInstructions}× the instructions of a hand-written \`fetch\` that sets the same per-attempt timeout, the facade at most ${goals.facadeInstructions}× the provider's, and the provider's heap bytes per call at most ${goals.allocated}× the hand-written call's.`,
  )
}
say()

say('## 4. Throughput over loopback HTTP (updates per second), for information')
say()
const throughput = await measureThroughput(
  quick ? { requests: 300, runs: 3, warmup: 100 } : { requests: 250, runs: 41, warmup: 500 },
)
say(
  '| Provider | Load | raw fetch (a) | openapi-fetch (b) | provider (c) | facade (d) | raw fetch + timeout signal (a′) | c/a′ | c/a | c/b | d/c |',
)
say('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |')
for (const row of throughput) {
  const { providerToRaw, providerToOpenapiFetch, providerToTimedRaw, facadeToProvider } = row.ratios
  const columns = [...contenders, timedRawFetch].map((name) => formatSummary(row.ops[name]))
  say(
    `| ${row.provider} | ${row.mode} | ${columns.join(' | ')} | ${[providerToTimedRaw, providerToRaw, providerToOpenapiFetch, facadeToProvider].map(ratio).join(' | ')} |`,
  )
}
say()
say(
  "No goal: wall-clock throughput on this shared machine moves with the other work on it, and the ranges in brackets are wider than the differences between contenders; section 3 measures the same calls in instructions instead. The clients run with logging at its default (warnings only) and no hooks. Shoptet's client runs with maxConcurrency 16 so the load measures overhead, not its default limit of 3 per token.",
)
say()

say('## 5. Client-only cost with a stubbed fetch (calls per second), for information')
say()
const overhead = await measureOverhead(
  quick ? { calls: 2000, runs: 3, warmup: 500 } : { calls: 2000, runs: 41, warmup: 3000 },
)
say(
  '| Provider | raw (stub + JSON) | openapi-fetch | provider | facade | provider cost vs openapi-fetch | facade cost vs openapi-fetch |',
)
say('| --- | ---: | ---: | ---: | ---: | ---: | ---: |')
for (const row of overhead) {
  say(
    `| ${row.provider} | ${contenders.map((name) => formatSummary(row.ops[name])).join(' | ')} | ${ratio(row.cost.provider)} | ${ratio(row.cost.facade)} |`,
  )
}
say()
say(
  'No goal: where the time goes when the network costs nothing. Every call is checked against the spec on the way out and on the way back; the clients call the stub as `fetch(url, init)`, openapi-fetch builds a `Request` for it.',
)
say()

say('## 6. Memory over many calls')
say()
const memoryCalls = quick ? 2_000 : 10_000
const memory = await measureMemory(memoryCalls)
say('| Client | Calls | Heap before (MB) | Heap after (MB) | Growth (MB) |')
say('| --- | ---: | ---: | ---: | ---: |')
for (const row of memory) {
  const growth = row.afterMb - row.beforeMb
  say(
    `| ${row.provider} | ${row.calls.toLocaleString('en-US')} | ${row.beforeMb.toFixed(2)} | ${row.afterMb.toFixed(2)} | ${growth.toFixed(2)} |`,
  )
  if (row.provider !== 'hand-written')
    check(
      growth <= goals.heapGrowthMb,
      `${row.provider}: the heap grew ${growth.toFixed(2)} MB over ${row.calls} calls (goal ≤ ${goals.heapGrowthMb} MB)`,
    )
}
say()
say(
  `After a warm-up of 1,000 calls, in a fresh process with \`--expose-gc\`, the heap is measured after a full collection before and after the calls; the hand-written row (fetch and JSON.parse alone) shows the noise. Goal: no growth beyond noise (≤ ${goals.heapGrowthMb} MB).`,
)
say()

say('## 7. A list of 5,000 groups')
say()
const list = await measureListParse(5_000, quick ? 5 : 31)
say(
  '| Provider | Body | JSON.parse | text() + JSON.parse by hand | facade (read, checked, normalized) | facade / by hand | facade / JSON.parse |',
)
say('| --- | ---: | ---: | ---: | ---: | ---: | ---: |')
for (const row of list) {
  const ms = (summary: Summary) => `${formatSummary(summary, 1)} ms`
  say(
    `| ${row.provider} | ${row.bodyMb.toFixed(2)} MB | ${ms(row.jsonParse)} | ${ms(row.handWritten)} | ${ms(row.facade)} | ${ratio(row.facadeToHandWritten)} | ${ratio(row.facadeToJsonParse)} |`,
  )
  check(
    row.facadeToHandWritten.median <= goals.listToHandWritten,
    `${row.provider}: a 5,000-group list takes ${row.facadeToHandWritten.median.toFixed(2)}× a hand-written text() + JSON.parse (goal ≤ ${goals.listToHandWritten}×)`,
  )
}
say()
say(
  `Goal: reading, checking against the spec and normalizing a 5,000-group answer at most ${goals.listToHandWritten}× a hand-written \`text()\` + \`JSON.parse\` of the same (stubbed) response; \`JSON.parse\` alone is the floor no client that reads a body reaches.`,
)
say()
say(
  "Where the facade's time goes, in milliseconds per list (medians of each step timed alone; the last two are differences, so within noise of zero they can fall below it). The generated check is what every call runs; the interpreter's, what it ran before codegen wrote checks:",
)
say()
say(
  '| Provider | read as text | JSON.parse | check (generated) | check (interpreter, before) | rest of the provider call | normalize (facade) |',
)
say('| --- | ---: | ---: | ---: | ---: | ---: | ---: |')
for (const row of list) {
  const { read, parse, check, transport, normalize } = row.steps
  say(
    `| ${row.provider} | ${[read, parse].map((step) => formatSummary(step, 2)).join(' | ')} | ${formatSummary(check, 3)} | ${formatSummary(row.interpretedCheck, 2)} | ${[transport, normalize].map((step) => formatSummary(step, 2)).join(' | ')} |`,
  )
}
say()

if (skipSlow) {
  say('## 8–9. Codegen and test-suite time')
  say()
  say('Skipped (`--quick` or `--skip-slow`).')
} else {
  say('## 8. Codegen')
  say()
  const codegen = measureCodegen(5)
  const wall = summarize(codegen.cold.map((run) => run.wall))
  const cpu = summarize(codegen.cold.map((run) => run.cpu))
  say('| Step | Seconds |')
  say('| --- | ---: |')
  say(
    `| \`pnpm generate\`, every spec, one fresh process, nothing cached: wall | ${formatSummary(wall, 2)} |`,
  )
  say(`| the same, CPU time of the process and its children | ${formatSummary(cpu, 2)} |`)
  say(
    `| Edit to ${codegen.editedSpec} → regenerated and rebuilt package (turbo) | ${codegen.editToPackage.toFixed(2)} |`,
  )
  say()
  say(`Goal: \`pnpm generate\` under ${goals.codegenSeconds} s, cold (${codegen.cold.length} runs).`)
  check(
    wall.median < goals.codegenSeconds,
    `\`pnpm generate\` takes ${wall.median.toFixed(2)} s (goal < ${goals.codegenSeconds} s)`,
  )
  codegenTimes = { wall, cpu }
  say()
  const suite = testSuiteSection()
  for (const line of suite.text) say(line)
  missed.push(...suite.missed)
}
say()
const cli = cliSection(await measureCliApply(cliOptions))
for (const line of cli.text) say(line)
missed.push(...cli.missed)
say('## Goals missed')
say()
if (missed.length === 0) say('None.')
for (const line of missed) say(`- ${line}`)
if (missed.length > 0) {
  say()
  say('## What the gaps are made of')
  say()
  for (const line of gapNotes()) say(line)
}

writeFileSync(join(root, 'bench', 'results.md'), `${lines.join('\n')}\n`)
console.log('\nWritten to bench/results.md')

/** What each missed goal is made of, from this run's own measurements. */
function gapNotes(): string[] {
  const notes: string[] = []
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`
  const sum = (parts: Record<string, number>, test: (part: string) => boolean) =>
    Object.entries(parts)
      .filter(([part]) => test(part))
      .reduce((total, [, bytes]) => total + bytes, 0)
  const total = (parts: Record<string, number>) => sum(parts, () => true)
  for (const entry of sizes.providers) {
    const leastUpdate = entry.assemblies.reduce((least, row) =>
      row.updateOnly.gzip < least.updateOnly.gzip ? row : least,
    )
    const leastWhole = entry.assemblies.reduce((least, row) =>
      row.whole.gzip < least.whole.gzip ? row : least,
    )
    const { updateOnly, whole, smallestUpdate, smallestWhole, facade } = entry.composition
    if (size.missed.some((line) => line.startsWith(entry.updateOnly.name))) {
      const goal = leastUpdate.updateOnly.gzip * sizeGoals.updateOnly
      notes.push(
        `- **Size, ${entry.provider}, the update alone**: ${kb(entry.updateOnly.gzip)} gzip against ${kb(leastUpdate.updateOnly.gzip)} for ${leastUpdate.name}; the goal (${kb(goal)}) would need ${kb(entry.updateOnly.gzip - goal)} gzip less, ${Math.round((100 * (entry.updateOnly.gzip - goal)) / entry.updateOnly.gzip)} % of the bundle. Ours, ${kb(total(updateOnly))} minified: ${listParts(updateOnly)}. The assembly, ${kb(total(smallestUpdate))}: ${listParts(smallestUpdate)}. Our runtime (${kb(sum(updateOnly, (part) => part.startsWith('runtime/')))}) does what ky (${kb(smallestUpdate.ky ?? 0)}) and the hand-written errors do, and what no assembly does: redaction of secrets in errors and logs (runtime/settings), a concurrency limit, body reads capped after decompression, refused redirects, credential and header-value checks, an attempt trail and log lines (runtime/http). The generated checks and facts (${kb(sum(updateOnly, (part) => part.endsWith('/generated')))}) take the place of the assembly's validators and validation library (${kb((smallestUpdate['generated validators and SDK'] ?? 0) + (smallestUpdate.valibot ?? 0) + (smallestUpdate.ajv ?? 0) + (smallestUpdate.zod ?? 0))}).`,
      )
    }
    if (size.missed.some((line) => line.startsWith(entry.whole.name))) {
      const goal = leastWhole.whole.gzip * sizeGoals.whole
      notes.push(
        `- **Size, ${entry.provider}, the whole package**: ${kb(entry.whole.gzip)} gzip against ${kb(leastWhole.whole.gzip)} for ${leastWhole.name}; the goal (${kb(goal)}) would need ${kb(entry.whole.gzip - goal)} gzip less. Ours, ${kb(total(whole))} minified: ${listParts(whole)}. The assembly, ${kb(total(smallestWhole))}: ${listParts(smallestWhole)}. Beyond the update's pipeline, the whole package carries every operation's generated checks and facts and the client factory (runtime/provider, ${kb(whole['runtime/provider'] ?? 0)}); openapi-fetch (${kb(whole['openapi-fetch'] ?? 0)} here) lives behind the \`./api\` subpath, and the facade adapter is built by the facade, so neither is in the main entry.`,
      )
    }
    if (size.missed.some((line) => line.startsWith(entry.facade.name))) {
      const secondCopy = entry.facade.gzip - entry.facadeOneRuntime.gzip
      notes.push(
        `- **Size, ${entry.provider}, facade + provider**: ${kb(entry.facade.gzip)} gzip as published, ${(entry.facade.gzip / entry.whole.gzip).toFixed(2)}× the provider alone. ${secondCopy > 50 ? `Built from our sources, where the runtime is one copy, the same app is ${kb(entry.facadeOneRuntime.gzip)}, so ${kb(secondCopy)} gzip is a second copy of the runtime in the published files.` : 'The runtime ships once: built from our sources, the same app is as large.'} The rest is the facade itself, ${kb(sum(facade, (part) => part === 'client' || part.startsWith('client/')))} minified: planning, reviewing, applying and syncing desired groups besides the one-call operations.`,
      )
    }
  }
  const coldMissed = missed.some((line) => line.includes('cold start') || line.includes('importing'))
  if (coldMissed) {
    const fileSize = (specifier: string) => statSync(fileURLToPath(import.meta.resolve(specifier))).size
    for (const row of cold) {
      const entry = findProvider(row.provider)
      if (entry === undefined) continue
      notes.push(
        `- **Import and cold start, ${row.provider}**: importing the provider takes ${row.importCpuMs.provider.median.toFixed(1)} ms of CPU against openapi-fetch's ${row.importCpuMs['openapi-fetch'].median.toFixed(1)} ms (${row.importCpuToOpenapiFetch.median.toFixed(2)}×): the provider's file of ${kb(fileSize(entry.packageName))} (every operation with its checks, the normalizer, the default instance, whose pipeline is made at its first call) and the runtime's of ${kb(fileSize('@customer-groups/runtime'))} and ${kb(fileSize('@customer-groups/runtime/errors'))} (the pipeline, settings, the facade adapter the facade builds; the errors) for Node to read, compile and run, against ${kb(fileSize('openapi-fetch'))} (creating one more client right after the import takes ${row.createCpuMs.median.toFixed(2)} ms of CPU here, with the code already warm). The rest of a cold start (the process, the first connection) is the same for both; the whole process takes ${row.providerToOpenapiFetch.median.toFixed(2)}× openapi-fetch's wall time.`,
      )
    }
  }
  if (!('skipped' in instructions)) {
    for (const row of instructions.rows) {
      const hand = row.fewest['hand-written fetch + timeout']
      const provider = row.fewest.provider
      const stubbed = overhead.find((entry) => entry.provider === row.provider)
      const microseconds = (name: Contender) => (stubbed ? 1e6 / stubbed.ops[name].median : Number.NaN)
      if (row.providerToHandWritten > goals.providerInstructions) {
        notes.push(
          `- **Instructions, ${row.provider}, provider**: ${(provider / 1000).toFixed(0)} k per call against ${(hand / 1000).toFixed(0)} k for the hand-written fetch with the same timeout: ${((provider - hand) / 1000).toFixed(0)} k more, of which the goal allows ${((hand * (goals.providerInstructions - 1)) / 1000).toFixed(0)} k. Most of every call is fetch itself (undici's request, streams and headers), which both pay. With the network stubbed (section 5) the client's own work is about ${(microseconds('provider') - microseconds('raw fetch')).toFixed(0)} µs a call beyond fetch and JSON.parse: the flat parameters split and the request checked by its generated check and serialized (the operation), then the pipeline (runtime/http): settings and credentials read, headers merged and checked, the concurrency slot, the per-attempt timeout, the capped body read, the answer's status looked up and its body checked, the metadata and attempt trail. The pipeline's own per-call overheads named in #29 (a chain of closures made per call, Object.entries on the hot path, the path template split on every call) are gone; a callgrind profile of what remains puts most of it in V8 compiling the client's code during the counted calls and collecting its larger heap, and the smaller part in the client's own code: fewer instructions would take less code getting hot per call (checks, body bounding, undici's header handling), not more work on the transport.`,
        )
      }
      if (row.facadeToProvider > goals.facadeInstructions) {
        const facade = row.fewest.facade
        notes.push(
          `- **Instructions, ${row.provider}, facade**: ${(facade / 1000).toFixed(0)} k per call against the provider's ${(provider / 1000).toFixed(0)} k, ${((facade - provider) / 1000).toFixed(0)} k more: the facade's request checked and mapped to the provider's parameters (facade issues renamed), the call options picked, and the answer's group found and normalized; with the network stubbed the facade costs about ${(microseconds('facade') - microseconds('provider')).toFixed(0)} µs a call more than the provider.`,
        )
      }
      if (row.allocatedProviderToHandWritten > goals.allocated) {
        notes.push(
          `- **Allocation, ${row.provider}**: ${(row.allocated.provider / 1024).toFixed(1)} kB of V8 heap per call against ${(row.allocated['hand-written fetch + timeout'] / 1024).toFixed(1)} kB by hand: the request parts and their check, the serialized body, the headers object, the attempt record and the response metadata.`,
        )
      }
    }
  }
  for (const row of list) {
    if (row.facadeToHandWritten.median <= goals.listToHandWritten) continue
    const { read, parse, check, transport, normalize } = row.steps
    // The last two are differences of separately timed medians: below zero they are within noise.
    const ms = (summary: Summary) => (summary.median < 0.005 ? '≈ 0 ms' : `${summary.median.toFixed(2)} ms`)
    notes.push(
      `- **A 5,000-group list, ${row.provider}**: ${ms(row.facade)} against ${ms(row.handWritten)} for text() and JSON.parse by hand (${row.facadeToHandWritten.median.toFixed(2)}×; the goal allows ${(row.handWritten.median * (goals.listToHandWritten - 1)).toFixed(2)} ms more). Reading the body as text takes ${ms(read)} and JSON.parse ${ms(parse)}, which the hand-written call pays too; checking all 5,000 groups against the spec ${ms(check)} (the interpreter took ${ms(row.interpretedCheck)}), the rest of the provider call ${ms(transport)} (the body read chunk by chunk and decoded under a size cap in the pipeline instead of one \`text()\`, the status lookup, metadata), and normalizing each group for the facade ${ms(normalize)} (the provider's normalizer, then each group's unknown fields bounded in depth and size, which walks every field of every group). The ranges of the two totals overlap on this machine: ${formatSummary(row.facade, 1)} against ${formatSummary(row.handWritten, 1)} ms.`,
    )
  }
  if (codegenTimes !== undefined && codegenTimes.wall.median >= goals.codegenSeconds) {
    notes.push(
      `- **Codegen**: \`pnpm generate\` took ${codegenTimes.wall.median.toFixed(2)} s of wall time but ${codegenTimes.cpu.median.toFixed(2)} s of CPU (pnpm, Node, tsx compiling the generator, TypeScript's compiler loaded for openapi-typescript's printer, both specs); the difference is waiting for the machine's two shared cores.`,
    )
  }
  return notes
}
