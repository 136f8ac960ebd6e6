// `pnpm test`: every check of every package through turbo, sharing one set of Prism mocks between the
// test processes, then one closing line added up from what each Vitest run recorded (test-summary.mjs).
// Extra arguments go to turbo, e.g. `pnpm test -- --filter @customer-groups/cli`.
import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { providerDocsDir } from '../specs/provider-docs.mjs'
import { removeSummaries, summarizeRun } from './test-summary.mjs'

const root = join(import.meta.dirname, '..')
const turboArgs = process.argv.slice(2).filter((arg) => arg !== '--')

function run(command, args, env = process.env) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: 'inherit', env })
    const forward = (signal) => child.kill(signal)
    process.on('SIGINT', forward)
    process.on('SIGTERM', forward)
    child.on('exit', (code, signal) => {
      process.off('SIGINT', forward)
      process.off('SIGTERM', forward)
      resolve(code ?? (signal === null ? 1 : 128))
    })
  })
}

/**
 * Starts one plain Prism mock per provider spec for the whole run and lists them in a file the
 * test processes read (see @customer-groups/testing's `reuseOrStartMockServers`). Any failure here
 * is written into the list, and each process then starts its own mocks as it would alone.
 */
async function shareMocks(listFile) {
  const testing = await import(pathToFileURL(join(root, 'packages/testing/dist/index.js')).href)
  try {
    const specs = readdirSync(join(root, 'specs')).filter((file) => file.endsWith('.openapi.yaml'))
    const mocks = await testing.startMockServers(
      Object.fromEntries(specs.map((file) => [file, { provider: join(root, 'specs', file) }])),
    )
    testing.publishSharedMockServers(listFile, {
      servers: Object.fromEntries(
        specs.map((file) => [testing.specDigest(join(root, 'specs', file)), mocks.servers[file].url]),
      ),
    })
    return mocks.close
  } catch (error) {
    testing.publishSharedMockServers(listFile, { error: String(error?.message ?? error) })
    return async () => {}
  }
}

/**
 * The specs' comparison with the provider docs reads a folder outside the repository, which turbo
 * cannot hash: a digest of it in the environment keeps a cached run without the docs (its
 * comparison skipped) from standing in for one with them, or with other docs.
 */
function providerDocsDigest() {
  const docs = providerDocsDir(root)
  if (!existsSync(docs)) return 'absent'
  const hash = createHash('sha256')
  for (const file of readdirSync(docs).sort()) hash.update(`${file}\0`).update(readFileSync(join(docs, file)))
  return hash.digest('hex')
}

removeSummaries(root)
// The mocks need the testing package built; turbo builds it (or finds it cached) first.
const prepared = await run('pnpm', [
  'turbo',
  'run',
  'build',
  '--filter=@customer-groups/testing',
  '--output-logs=errors-only',
])
const work = mkdtempSync(join(tmpdir(), 'cg-test-'))
const listFile = join(work, 'shared-mocks.json')
// Without a built testing package nothing is shared: each test process starts its own mocks.
const stopMocks = prepared === 0 ? shareMocks(listFile) : Promise.resolve(async () => {})
const sharing = prepared === 0 ? { CUSTOMER_GROUPS_SHARED_MOCKS: listFile } : {}
const exitCode = await run(
  'pnpm',
  [
    'turbo',
    'run',
    'lint',
    'typecheck-all',
    'test',
    '--continue',
    '--summarize',
    '--output-logs=new-only',
    ...turboArgs,
  ],
  { ...process.env, ...sharing, CUSTOMER_GROUPS_PROVIDER_DOCS_DIGEST: providerDocsDigest() },
)
await (await stopMocks)()
rmSync(work, { recursive: true, force: true })
process.exit(
  summarizeRun(root, Math.max(exitCode, prepared), {
    filtered: turboArgs.some((arg) => arg.startsWith('--filter') || arg.startsWith('-F')),
  }),
)
