import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { providerIds } from '@customer-groups/registry'
import { reuseOrStartMockServers } from '@customer-groups/testing'
import { build } from 'esbuild'
import type { TestProject } from 'vitest/node'
import { installRuntimes } from '../scripts/install-runtimes.mjs'
import { packPackages, publicPackages } from './pack.js'
import { addPrograms, installProject } from './project.js'

/** What every test file gets from `inject('ecosystem')`. */
export interface Ecosystem {
  /** A temporary folder for the whole run, removed at its end. */
  work: string
  /** Where the pinned runtimes are installed. */
  runtimesDir: string
  /** A project that installed the clients' tarballs with npm, holding `smoke.js`. */
  project: string
  /** The smoke program bundled as a Worker module. */
  worker: string
  /** A page (`index.html`) bundling the clients, its web worker's bundle beside it. */
  page: string
  /** Base URLs of the Prism mocks. */
  /** Each registered provider's mock, by id. */
  mocks: Record<string, string>
  /** Each published package's tarball, by its folder under `packages/`. */
  tarballs: Record<string, string>
}

declare module 'vitest' {
  export interface ProvidedContext {
    ecosystem: Ecosystem
  }
}

/**
 * Installs the clients as users do, the packed tarballs with npm in a clean
 * project, then builds the smoke program there, as Node, Bun and Deno run it,
 * and bundled with the packages as wrangler bundles a Worker and a bundler a page.
 */
async function userProject(
  work: string,
  tarballs: Record<string, string>,
): Promise<Pick<Ecosystem, 'project' | 'worker' | 'page'>> {
  // The clients and what they need: everything published but the CLI and the mocks (those install in installTools).
  const clients = Object.entries(tarballs)
    .filter(([name]) => name !== 'cli' && name !== 'testing')
    .map(([, tarball]) => tarball)
  const project = await installProject(join(work, 'project'), clients)
  await addPrograms(project, {
    smoke: 'main.ts',
    'worker-entry': 'worker.ts',
    'page-entry': 'browser.ts',
    'page-worker-entry': 'browser-worker.ts',
  })
  const worker = join(work, 'worker.js')
  const page = join(work, 'page')
  const common = { bundle: true, format: 'esm', target: 'es2022', logLevel: 'error' } as const
  await Promise.all([
    build({
      ...common,
      entryPoints: [join(project, 'worker-entry.js')],
      outfile: worker,
      platform: 'neutral',
      conditions: ['workerd', 'worker', 'browser'],
      mainFields: ['module', 'main'],
    }),
    build({
      ...common,
      entryPoints: { app: join(project, 'page-entry.js'), worker: join(project, 'page-worker-entry.js') },
      outdir: page,
      platform: 'browser',
    }),
  ])
  writeFileSync(
    join(page, 'index.html'),
    '<!doctype html><meta charset="utf-8"><title>smoke</title><script type="module" src="app.js"></script>\n',
  )
  return { project, worker, page }
}

/**
 * The CLI and the testing package, with Prism's many dependencies, take the
 * longest to install: that goes on while the other files run, and the file
 * that needs it waits for the marker it leaves (`toolsProject`).
 */
async function installTools(work: string, tarballs: Record<string, string>): Promise<void> {
  const project = join(work, 'tools-project')
  const started = performance.now()
  try {
    await installProject(project, Object.values(tarballs))
    await addPrograms(project, { 'mock-server': 'mock-server.ts' })
    writeFileSync(join(work, 'tools-project.ready'), '')
    console.log(
      `ecosystem: every package installed in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    )
  } catch (error) {
    writeFileSync(join(work, 'tools-project.failed'), String((error as Error).stack ?? error))
  }
}

export default async function setup(vitest: TestProject): Promise<() => Promise<void>> {
  const work = mkdtempSync(join(tmpdir(), 'cg-ecosystem-'))
  const started = performance.now()
  const packed = packPackages(publicPackages, join(work, 'tarballs'))
  const tools = packed.then((tarballs) => installTools(work, tarballs)).catch(() => undefined)
  const [runtimesDir, built, mocks, tarballs] = await Promise.allSettled([
    installRuntimes(),
    packed.then((tarballs) => userProject(work, tarballs)),
    reuseOrStartMockServers(Object.fromEntries(providerIds().map((id) => [id, { provider: id }]))),
    packed,
  ])
  const teardown = async () => {
    await tools
    if (mocks.status === 'fulfilled') await mocks.value.close()
    rmSync(work, { recursive: true, force: true })
  }
  if (
    runtimesDir.status === 'rejected' ||
    built.status === 'rejected' ||
    mocks.status === 'rejected' ||
    tarballs.status === 'rejected'
  ) {
    await teardown()
    throw [runtimesDir, built, mocks, tarballs].flatMap((outcome) =>
      outcome.status === 'rejected' ? [outcome.reason] : [],
    )[0]
  }
  const { servers } = mocks.value
  const seconds = ((performance.now() - started) / 1000).toFixed(1)
  console.log(`ecosystem: runtimes ready, clients packed, installed and bundled in ${seconds} s`)
  vitest.provide('ecosystem', {
    work,
    runtimesDir: runtimesDir.value,
    ...built.value,
    mocks: Object.fromEntries(Object.entries(servers).map(([id, server]) => [id, server.url])) as Record<
      string,
      string
    >,
    tarballs: tarballs.value,
  })
  return teardown
}
