import { createRequire } from 'node:module'
import { join } from 'node:path'
import { afterAll, describe, expect, inject, it } from 'vitest'
import type { SmokeConfig, SmokeReport } from '../smoke/smoke.js'
import { expectedReport } from './expected-report.js'
import { lastJsonLine, runCommand } from './run-command.js'
import { type Runtime, type RuntimeId, runtimes } from './runtimes.js'
import { startScenarioServer } from './scenario-server.js'

/**
 * The one smoke program, from the project that installed the packed
 * tarballs, on every runtime at once: every operation of both providers,
 * typed errors, a retry after `Retry-After`, a timeout, an abort and the
 * facade. A runtime this machine has no build of fails in CI and is skipped
 * elsewhere.
 */
const { work, runtimesDir, project, worker, mocks } = inject('ecosystem')
const scenarios = await startScenarioServer()
afterAll(() => scenarios.close())
const all = runtimes(runtimesDir)
const { version } = createRequire(import.meta.url)('@customer-groups/xtrakit/package.json') as {
  version: string
}

function smokeOn(runtime: Runtime): Promise<SmokeReport> {
  const { command } = runtime
  if (command === undefined) throw new Error(`no ${runtime.label} for ${process.platform}-${process.arch}`)
  const config = { ...mocks, scenarios: `${scenarios.url}/${runtime.id}` } as SmokeConfig
  const script = runtime.id === 'workerd' ? worker : join(project, 'smoke.js')
  return runCommand(command.file, [...command.args, script, JSON.stringify(config)], {
    cwd: project,
    env: {
      PATH: process.env.PATH,
      NO_COLOR: '1',
      // Deno keeps its caches here instead of the user's home.
      DENO_DIR: join(work, 'deno'),
    },
  }).then((finished) => lastJsonLine(finished, `the smoke program on ${runtime.label}`) as SmokeReport)
}

// Every report must equal Node 20's, the runtime the packages are developed on.
let reference: Promise<SmokeReport> | undefined
const referenceReport = () => {
  reference ??= smokeOn(all.find((runtime) => runtime.id === 'node20') as Runtime)
  return reference
}

const skipped = (id: RuntimeId) =>
  process.env.CI === undefined && all.find((runtime) => runtime.id === id)?.command === undefined

describe('the packed packages on every runtime', () => {
  for (const runtime of all) {
    it.skipIf(skipped(runtime.id)).concurrent(runtime.label, async () => {
      const report = await (runtime.id === 'node20' ? referenceReport() : smokeOn(runtime))
      expect(report).toEqual(expectedReport)
      expect(report).toEqual(await referenceReport())

      const requests = scenarios.requests.filter((request) => request.run === runtime.id)
      // The wait honoured Retry-After (a second), not the default backoff (half a second at most).
      const [first, second] = requests.filter((request) => request.scenario === 'retry')
      expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(950)
      // Each runtime says what it is in User-Agent.
      expect(new Set(requests.map((request) => request.userAgent))).toEqual(
        new Set([`customer-groups-xtrakit/${version} (${runtime.runtimeName})`]),
      )
    })
  }
})
