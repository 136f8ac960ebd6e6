import { type ChildProcess, spawn } from 'node:child_process'
import {
  type GroupView,
  type StatefulBackend,
  type StatefulBackendOptions,
  type StatefulWrite,
  startStatefulBackend,
} from '@customer-groups/testing'
import { entryOf, type ProviderName } from './providers.js'
import { cliCommand } from './run-cli.js'

// What the write-path fault suites share: stateful fakes per provider, the CLI as users run it,
// a seeded generator for "random" moments, and the invariants read from the fake's own write log.

/** A small seeded generator (mulberry32): the same seed gives the same "random" kill points. */
export function seeded(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let value = state
    value = Math.imul(value ^ (value >>> 15), value | 1)
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61)
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296
  }
}

export const faultSeed = Number(process.env.FAULT_SEED ?? 20261125)

const started: StatefulBackend[] = []
export async function fake(provider: ProviderName, options: Omit<StatefulBackendOptions, 'provider'> = {}) {
  const backend = await startStatefulBackend({ provider, ...options })
  started.push(backend)
  return backend
}
export async function closeFakes(): Promise<void> {
  await Promise.all(started.splice(0).map((backend) => backend.close()))
}

/** The environment variables of an account: base URL and first credential, by the registry's names. */
export function variablesOf(provider: ProviderName): { baseUrl: string; credential: string } {
  const entry = entryOf(provider)
  return { baseUrl: entry.baseUrlVariable, credential: entry.credentials[0]?.environmentVariable as string }
}

/** The accounts-file key of the provider's first credential, e.g. `apiKeyEnv`. */
export function credentialKeyOf(provider: ProviderName): string {
  return `${entryOf(provider).credentials[0]?.setting as string}Env`
}

export interface CliRun {
  child: ChildProcess
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>
}

/** Starts the built `customer-groups` bin as users run it, without waiting for it. */
export function startCli(args: string[], env: Record<string, string>): CliRun {
  const child = spawn(process.execPath, [...cliCommand, ...args], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk
  })
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk
  })
  const done = new Promise<Awaited<CliRun['done']>>((resolve) =>
    child.once('close', (code, signal) => resolve({ code, signal, stdout, stderr })),
  )
  return { child, done }
}

/** The writes that reached a shop and took effect, with what each one changed. */
export function writesOf(backend: StatefulBackend, credential: string): StatefulWrite[] {
  const shop = backend.shopOf(credential)
  return backend.writes.filter((write) => write.shop === shop)
}

/** Groups created in a shop per name: more than one is a duplicate. */
export function createdByName(writes: readonly StatefulWrite[]): Map<string, number> {
  const counts = new Map<string, number>()
  for (const write of writes)
    for (const group of write.created) counts.set(group.name, (counts.get(group.name) ?? 0) + 1)
  return counts
}

/** Updates that cleared a description, as `{ id, before }`. */
export function clearedDescriptions(
  writes: readonly StatefulWrite[],
): { id: string | number; before: string }[] {
  return writes.flatMap((write) =>
    write.updated
      .filter((change) => change.before.description !== null && change.after.description === null)
      .map((change) => ({ id: change.after.id, before: change.before.description as string })),
  )
}

export const byName = (groups: readonly GroupView[], name: string) =>
  groups.filter((group) => group.name === name)
