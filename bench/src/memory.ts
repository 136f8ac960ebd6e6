import { execFile } from 'node:child_process'
import { dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { builtInProviders, findProvider, type ProviderId } from '@customer-groups/registry'
import { benchProfiles } from './contenders.js'

const here = dirname(fileURLToPath(import.meta.url))
const run = promisify(execFile)

export interface MemoryRow {
  /** A provider, or `hand-written` for the same loop with fetch and JSON.parse alone: the noise. */
  provider: ProviderId | 'hand-written'
  calls: number
  /** Heap after a full collection, before and after the calls, in MB. */
  beforeMb: number
  afterMb: number
}

/**
 * `calls` updates in a row through the provider client, in a fresh process with
 * `--expose-gc`, against a fetch that answers at once: the heap after a full
 * collection is measured after a warm-up and again after the calls.
 */
export async function measureMemory(calls: number): Promise<MemoryRow[]> {
  const rows: MemoryRow[] = []
  for (const provider of [...builtInProviders.map((entry) => entry.id), 'hand-written' as const]) {
    const entry = provider === 'hand-written' ? undefined : findProvider(provider)
    const profile = benchProfiles[provider === 'hand-written' ? 'xtrakit' : provider]
    const body = JSON.stringify(profile.successBody)
    const setup =
      entry === undefined
        ? 'const once = async () => (await fetch()).json()'
        : `const { ${entry.factory} } = await import('${entry.packageName}')
const client = ${entry.factory}({ ${entry.credentials[0]?.setting}: 'memory-key', baseUrl: '${profile.stubBaseUrl}', fetch })
const once = async () => { ${profile.coldCall.provider} }`
    const source = `
const body = ${JSON.stringify(body)}
const fetch = async () => new Response(body, { status: 200, headers: { 'content-type': 'application/json' } })
${setup}
const heap = () => { globalThis.gc(); globalThis.gc(); return process.memoryUsage().heapUsed / 1048576 }
for (let i = 0; i < 1000; i++) await once()
const before = heap()
for (let i = 0; i < ${calls}; i++) await once()
const after = heap()
console.log(JSON.stringify({ before, after }))`
    const { stdout } = await run(process.execPath, ['--expose-gc', '--input-type=module', '-e', source], {
      cwd: here,
      encoding: 'utf8',
      timeout: 120_000,
    })
    const { before, after } = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as {
      before: number
      after: number
    }
    rows.push({ provider, calls, beforeMb: before, afterMb: after })
  }
  return rows
}
