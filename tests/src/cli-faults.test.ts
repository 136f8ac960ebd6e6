import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { capabilitiesOf, updateCustomerGroup } from '@customer-groups/client'
import type { GroupView, StatefulBackend } from '@customer-groups/testing'
import { afterAll, describe, expect, it } from 'vitest'
import {
  byName,
  type CliRun,
  clearedDescriptions,
  closeFakes,
  createdByName,
  credentialKeyOf,
  fake,
  faultSeed,
  seeded,
  startCli,
  variablesOf,
  writesOf,
} from './fault-fakes.js'
import { createClient, credentialSetting, kitOf, type ProviderName, providerNames } from './providers.js'

// The CLI's write path against faults, on every registered provider, run as users run it: real
// processes, killed with SIGKILL at seeded moments (the fake kills the CLI when a chosen write
// arrives, before or after making it), two at once, with a token revoked and a list that lags.
// Every assertion reads the fake's own write log.

afterAll(closeFakes)
// Each test runs the bin up to six times (about a fifth of a second of CPU each, seconds when both
// cores are busy) and sends a few dozen requests to a loopback fake.
const runsTheBin = 120_000
const work = mkdtempSync(join(tmpdir(), 'cg-cli-faults-'))
const lockDir = mkdtempSync(join(tmpdir(), 'cg-cli-faults-locks-'))
let shops = 0
const shop = () => `cli-faults-${++shops}`
const isWrite = (method: string) => method !== 'GET'

function write(name: string, content: unknown): string {
  const path = join(work, name)
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content, null, 1))
  return path
}

/** The default account's environment for a shop of the fake. */
function envOf(provider: ProviderName, backend: StatefulBackend, credential: string): Record<string, string> {
  const names = variablesOf(provider)
  return { [names.baseUrl]: backend.url, [names.credential]: credential, CUSTOMER_GROUPS_LOCK_DIR: lockDir }
}

/** Kills the CLI run in `current` when the `at`-th write reaches the fake, losing that write's answer. */
function killer() {
  let writes = 0
  const plan: { run?: CliRun | undefined; at?: number; when: 'before' | 'after' } = { when: 'after' }
  return {
    plan,
    get writes() {
      return writes
    },
    fault(request: { method: string }) {
      if (!isWrite(request.method)) return undefined
      writes++
      if (plan.run === undefined || writes !== plan.at) return undefined
      plan.run.child.kill('SIGKILL')
      return { when: plan.when, answer: 'hang' as const }
    },
  }
}

/** Holds the first write after `next()` until `release()`: a second process then meets a run in progress. */
function heldWrites() {
  let arrived: (() => void) | undefined
  let release: (() => void) | undefined
  return {
    next: () =>
      new Promise<void>((resolve) => {
        arrived = resolve
      }),
    hold(request: { method: string }): Promise<void> | undefined {
      if (arrived === undefined || !isWrite(request.method)) return undefined
      const held = new Promise<void>((resolve) => {
        release = resolve
      })
      arrived()
      arrived = undefined
      return held
    },
    release: () => release?.(),
  }
}

/** Whether the provider can create groups, by its capabilities: else the tests sync groups it has. */
const canCreate = (provider: ProviderName) =>
  capabilitiesOf(createClient(provider)).operations.create !== undefined

/** Two seeded groups, the first with a description (so clearing it would show). */
function seedsOf(backend: StatefulBackend, credential: string): [GroupView, GroupView] {
  const views = backend.views(credential)
  const first = views.find((group) => group.description !== null) as GroupView
  return [first, views.find((group) => group !== first) as GroupView]
}

/** Journal records, a last record cut short by a kill left out. */
function records(path: string): Record<string, unknown>[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .flatMap((line) => {
      try {
        return line.trim() === '' ? [] : [JSON.parse(line) as Record<string, unknown>]
      } catch {
        return []
      }
    })
}

describe.concurrent.each(providerNames)('the CLI on %s', (provider) => {
  it(
    'sync survives kills at seeded moments and a lagging list: every group once, a drifted one fixed, every done real',
    async () => {
      const random = seeded(faultSeed + 11 + providerNames.indexOf(provider))
      const kill = killer()
      const backend = await fake(provider, { fault: (request) => kill.fault(request), listLag: 1 })
      const credential = shop()
      const env = envOf(provider, backend, credential)
      const [first, second] = seedsOf(backend, credential)
      const others = backend
        .views(credential)
        .filter((group) => group.id !== first.id && group.id !== second.id)
      const groups = [
        { name: first.name, description: 'Changed by the file' },
        { name: second.name.toUpperCase() }, // renamed; its description is not managed and must stay
        // Six new groups, or, where the provider cannot create, six it has, each with a new description.
        ...['A', 'B', 'C', 'D', 'E', 'F'].map((letter, index) => ({
          name: canCreate(provider) ? `Fault ${letter}` : (others[index]?.name as string),
          description: letter,
        })),
      ]
      const desired = write(`sync-${provider}.json`, {
        targets: [{ provider }],
        groups,
        matchNames: 'ignore-case-and-whitespace',
      })
      const args = ['sync', desired, '--yes', '--json', '--concurrency', '2']
      // Run 1 is killed with a write's answer lost; a colleague reverts the first group; run 2 is killed before a write.
      for (const when of ['after', 'before'] as const) {
        kill.plan.when = when
        kill.plan.at = kill.writes + 1 + Math.floor(random() * 4)
        kill.plan.run = startCli(args, env)
        const killed = await kill.plan.run.done
        expect(killed.signal, killed.stderr).toBe('SIGKILL')
        kill.plan.run = undefined
        if (when === 'after') {
          const client = createClient(provider, {
            baseUrl: backend.url,
            [credentialSetting(provider)]: credential,
          })
          const current = backend.views(credential).find((group) => group.id === first.id)
          if (current?.description !== first.description)
            await updateCustomerGroup({
              provider: client,
              id: String(first.id),
              description: first.description as string,
            })
        }
      }
      let final: Awaited<CliRun['done']> | undefined
      for (let run = 0; run < 3 && final?.code !== 0; run++) final = await startCli(args, env).done
      expect(final?.code, final?.stderr).toBe(0)

      const writes = writesOf(backend, credential)
      const views = backend.views(credential)
      expect([...createdByName(writes)].filter(([, count]) => count > 1)).toEqual([])
      for (const group of groups.slice(2))
        expect(byName(views, group.name), group.name).toEqual([
          expect.objectContaining({ description: group.description }),
        ])
      // The reverted group was planned again, not skipped as done by the interrupted run.
      expect(views.find((group) => group.id === first.id)?.description).toBe('Changed by the file')
      // The renamed group kept the description the file does not manage.
      expect(views.find((group) => group.id === second.id)).toEqual({
        ...second,
        name: second.name.toUpperCase(),
      })
      expect(clearedDescriptions(writes)).toEqual([])
      // Every done any run recorded is a change the fake made.
      const started = new Map<string, Record<string, unknown>>()
      for (const record of records(`${desired}.sync-journal.jsonl`)) {
        if (typeof record.start === 'string') started.set(record.start, record)
        if (typeof record.done !== 'string') continue
        const action = started.get(record.done)
        const made = writes.some((entry) =>
          action?.action === 'create'
            ? entry.created.some((group) => group.name === action.name)
            : entry.updated.some((change) => String(change.after.id) === action?.id),
        )
        expect(made, JSON.stringify(action)).toBe(true)
      }
    },
    runsTheBin,
  )

  it(
    'two syncs at once: one runs, the other exits 2 naming it; the same journal for another file is refused',
    async () => {
      const gate = heldWrites()
      const backend = await fake(provider, { gate: (request) => gate.hold(request) })
      const credential = shop()
      const env = envOf(provider, backend, credential)
      // New groups, or, where the provider cannot create, groups it has, each with a new description.
      const seeds = backend.views(credential)
      const twice = (index: number) =>
        canCreate(provider)
          ? { name: `Twice ${index}` }
          : { name: seeds[index]?.name as string, description: `Twice ${index}` }
      const groups = [0, 1, 2].map(twice)
      const desired = write(`twice-${provider}.json`, { targets: [{ provider }], groups })
      const journal = join(work, `twice-${provider}.jsonl`)
      // With the same journal, then with journals of their own: the journal's lock, then the shop's.
      for (const [mine, theirs] of [
        [journal, journal],
        [`${journal}.a`, `${journal}.b`],
      ]) {
        // The first run holds its locks from before planning; its first write is held until the second has ended.
        const running = gate.next()
        const first = startCli(['sync', desired, '--yes', '--journal', mine as string], env)
        await running
        const second = await startCli(['sync', desired, '--yes', '--journal', theirs as string], env).done
        gate.release()
        expect(second.code, second.stderr).toBe(2)
        expect(second.stderr).toMatch(/is in use by process \d+ \(customer-groups sync .*\), started \d{4}-/)
        expect((await first.done).code).toBe(0)
        groups.push(twice(groups.length))
        write(`twice-${provider}.json`, { targets: [{ provider }], groups })
      }
      const written = writesOf(backend, credential)
      if (canCreate(provider)) expect([...createdByName(written).values()]).toEqual([1, 1, 1, 1])
      else
        expect(written.flatMap((entry) => entry.updated.map((change) => change.after.name)).sort()).toEqual(
          // The last group was added after the last run.
          groups
            .slice(0, -1)
            .map((group) => group.name)
            .sort(),
        )
      const other = write(`twice-other-${provider}.json`, {
        targets: [{ provider }],
        groups: [{ name: 'Other' }],
      })
      const foreign = await startCli(['sync', other, '--yes', '--journal', journal], env).done
      expect(foreign.code).toBe(2)
      expect(foreign.stderr).toContain(`was written for ${desired}, not for ${other}`)
    },
    runsTheBin,
  )

  it(
    'apply keeps each group in file order across a failure, a kill and two resumes at once; nothing left out is cleared',
    async () => {
      const random = seeded(faultSeed + 23 + providerNames.indexOf(provider))
      const kill = killer()
      let failSecond = true
      // Counted per group: the two groups' changes run side by side, in no fixed order between them.
      let writesToFirst = 0
      const backend = await fake(provider, {
        fault: (request) => {
          const toFirst = isWrite(request.method) && request.url.endsWith(`/${firstId}`)
          if (toFirst) writesToFirst++
          // The first run's second change of the first group fails (503 before it is made).
          if (failSecond && toFirst && writesToFirst === 2) {
            failSecond = false
            kill.fault(request)
            return { when: 'before', answer: { status: 503, body: {} } }
          }
          return kill.fault(request)
        },
        gate: (request) => gate.hold(request),
      })
      const gate = heldWrites()
      const credential = shop()
      const env = envOf(provider, backend, credential)
      const [first, second] = seedsOf(backend, credential)
      const firstId = first.id
      const rows = [
        { id: first.id, name: 'A1' },
        { id: second.id, description: 'D1' },
        { id: first.id, name: 'A2' },
        { id: second.id, description: 'D2' },
        { id: first.id, name: 'A3' },
        { id: second.id, description: 'D3' },
      ].map((row) => JSON.stringify({ provider, ...row, id: String(row.id) }))
      const changes = write(`order-${provider}.jsonl`, `${rows.join('\n')}\n`)
      const journal = `${changes}.journal.jsonl`
      const args = ['apply', changes, '--max-retries', '0', '--json']
      const run1 = await startCli(args, env).done
      expect(run1.code).toBe(1)
      const report = JSON.parse(run1.stdout) as { needsAttention: { line: number; status: string }[] }
      expect(report.needsAttention).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ line: 3, status: 'unknown' }),
          expect.objectContaining({ line: 5, status: 'not-run' }),
        ]),
      )
      kill.plan.at = kill.writes + 1 + Math.floor(random() * 2)
      kill.plan.run = startCli([...args, '--resume', journal], env)
      expect((await kill.plan.run.done).signal).toBe('SIGKILL')
      kill.plan.run = undefined
      // Two resumes at once: the second meets the first holding the journal, and sends nothing.
      const running = gate.next()
      const resuming = startCli([...args, '--resume', journal], env)
      await running
      const blocked = await startCli([...args, '--resume', journal], env).done
      gate.release()
      expect(blocked.code, blocked.stderr).toBe(2)
      expect(blocked.stderr).toMatch(/the journal .* is in use by process \d+ \(customer-groups apply /)
      const resumed = await resuming.done
      expect(resumed.code, resumed.stderr).toBe(0)

      const views = backend.views(credential)
      expect(views.find((group) => group.id === first.id)).toEqual({ ...first, name: 'A3' })
      expect(views.find((group) => group.id === second.id)).toEqual({ ...second, description: 'D3' })
      const writes = writesOf(backend, credential)
      expect(clearedDescriptions(writes)).toEqual([])
      // No row was applied after a later row of its group.
      const applied = (id: string | number, field: 'name' | 'description', values: string[]) =>
        writes
          .flatMap((entry) => entry.updated)
          .filter((change) => change.after.id === id)
          .map((change) => values.indexOf(change.after[field] as string))
      for (const [id, field, values] of [
        [first.id, 'name', ['A1', 'A2', 'A3']],
        [second.id, 'description', ['D1', 'D2', 'D3']],
      ] as const) {
        const order = applied(id, field, [...values])
        expect(order, `${field} of ${id}`).toEqual([...order].sort())
      }
      // Every row the journal says done was made.
      const lines = rows.map((row) => JSON.parse(row) as { id: string; name?: string; description?: string })
      for (const record of records(journal)) {
        if (typeof record.done !== 'string') continue
        const row = lines[(record.line as number) - 1]
        const made = writes.some((entry) =>
          entry.updated.some(
            (change) =>
              String(change.after.id) === row?.id &&
              (row.name === undefined || change.after.name === row.name) &&
              (row.description === undefined || change.after.description === row.description),
          ),
        )
        expect(made, JSON.stringify(row)).toBe(true)
      }
    },
    runsTheBin,
  )

  it(
    'a revoked token ends its shop at the first refusal, in apply and in sync; the other shop goes on',
    async () => {
      const backend = await fake(provider)
      const [good, revoked] = [shop(), shop()]
      const credentialKey = credentialKeyOf(provider)
      const accounts = write(`accounts-${provider}.json`, {
        good: { provider, [credentialKey]: 'GOOD_TOKEN', baseUrlEnv: 'FAKE_URL' },
        revoked: { provider, [credentialKey]: 'REVOKED_TOKEN', baseUrlEnv: 'FAKE_URL' },
      })
      const env = {
        GOOD_TOKEN: good,
        REVOKED_TOKEN: revoked,
        FAKE_URL: backend.url,
        CUSTOMER_GROUPS_LOCK_DIR: lockDir,
      }
      const [seed] = backend.views(good) as [GroupView]
      const rows = Array.from({ length: 20 }, (_, index) => [
        { account: 'good', id: String(seed.id), name: `N${index}`, description: `D${index}` },
        {
          account: 'revoked',
          id: kitOf(provider).fixtureId(index + 1),
          name: `N${index}`,
          description: `D${index}`,
        },
      ]).flat()
      backend.revoke(revoked)
      const changes = write(`revoked-${provider}.jsonl`, rows.map((row) => JSON.stringify(row)).join('\n'))
      const applied = await startCli(['apply', changes, '--accounts', accounts, '--concurrency', '4'], env)
        .done
      expect(applied.code).toBe(1)
      expect(applied.stdout).toMatch(
        /Stopped sending to account revoked \(\w+\): it refused the credential \(\w+ answered 401/,
      )
      const toRevoked = () =>
        backend.requests.filter((request) => request.shop === backend.shopOf(revoked)).length
      expect(toRevoked()).toBeLessThanOrEqual(4)
      expect(backend.views(good).find((group) => group.id === seed.id)).toMatchObject({
        name: 'N19',
        description: 'D19',
      })

      // In sync, the token is revoked after planning, at the first write that reaches the fake.
      const other = shop()
      let revokeAt = true
      const syncing = await fake(provider, {
        fault: (request) => {
          if (revokeAt && isWrite(request.method) && request.shop === syncing.shopOf(other)) {
            revokeAt = false
            syncing.revoke(other)
          }
          return undefined
        },
      })
      // New groups, or, where the provider cannot create, the groups every shop starts with, described anew.
      const seeds = syncing.views(good)
      const revokedGroups = canCreate(provider)
        ? Array.from({ length: 12 }, (_, index) => ({ name: `Revoked ${index}` }))
        : seeds.map((seed, index) => ({ name: seed.name, description: `Revoked ${index}` }))
      const desired = write(`revoked-sync-${provider}.json`, {
        targets: [{ account: 'good' }, { account: 'revoked' }],
        groups: revokedGroups,
      })
      const synced = await startCli(
        ['sync', desired, '--yes', '--accounts', accounts, '--concurrency', '3'],
        {
          ...env,
          FAKE_URL: syncing.url,
          REVOKED_TOKEN: other,
        },
      ).done
      expect(synced.code).toBe(1)
      expect(synced.stdout).toMatch(
        /Stopped sending to \w+ account revoked: it refused the credential \(\w+ answered 401/,
      )
      const writesToRevoked = syncing.requests.filter(
        (request) => request.shop === syncing.shopOf(other) && isWrite(request.method),
      )
      expect(writesToRevoked.length).toBeLessThanOrEqual(3)
      const last = revokedGroups.at(-1) as { name: string; description?: string }
      expect(byName(syncing.views(good), last.name)).toEqual([
        expect.objectContaining(last.description === undefined ? {} : { description: last.description }),
      ])
    },
    runsTheBin,
  )

  it(
    'update with only a name keeps the description',
    async () => {
      const backend = await fake(provider)
      const credential = shop()
      const [seed] = backend.views(credential) as [GroupView]
      const result = await startCli(
        ['update', '--provider', provider, '--id', String(seed.id), '--name', 'Only the name'],
        envOf(provider, backend, credential),
      ).done
      expect(result.code, result.stderr).toBe(0)
      expect(backend.views(credential).find((group) => group.id === seed.id)).toEqual({
        ...seed,
        name: 'Only the name',
      })
    },
    runsTheBin,
  )
})
