import { execFile } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { packPackages, publicPackages, repo } from '@customer-groups/ecosystem-tests/pack'
import { providers } from '@customer-groups/registry'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

/**
 * Installs the packed tarballs into fresh projects outside the repo, as users
 * meet them, then type-checks and runs a small program against the mocks. A file
 * missing from `files` or a wrong `exports` path fails here.
 */
const run = promisify(execFile)
const tsc = join(repo, 'node_modules', 'typescript', 'bin', 'tsc')
const work = mkdtempSync(join(tmpdir(), 'cg-pack-'))
let tarballs: Record<string, string>
const tarballOf = (name: string): string => {
  const tarball = tarballs[name]
  if (tarball === undefined) throw new Error(`${name} is not a published package`)
  return tarball
}

beforeAll(async () => {
  tarballs = await packPackages(publicPackages, join(work, 'tarballs'))
}, 120_000)

afterAll(() => {
  rmSync(work, { recursive: true, force: true })
})

const tsconfig = {
  compilerOptions: {
    target: 'ES2022',
    lib: ['ES2022', 'DOM'],
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    strict: true,
    exactOptionalPropertyTypes: true,
    // Our published .d.ts files must type-check too.
    skipLibCheck: false,
    outDir: 'out',
    types: [],
  },
  include: ['index.ts'],
}

const header = `declare const process: { env: Record<string, string | undefined> }\n`

const programs = {
  xtrakit: `${header}
import { AuthenticationError, createXtrakit, type UpdateCustomerGroupResponse } from '@customer-groups/xtrakit'
const client = createXtrakit({ apiKey: 'k', baseUrl: process.env.XTRAKIT_BASE_URL })
const body: UpdateCustomerGroupResponse = await client.updateCustomerGroup('1', { group_name: 'VIP' })
// @ts-expect-error a misspelt field must be a type error, proving the types are real
void (() => client.updateCustomerGroup('1', { group_nam: 'VIP' }))
const { data, response } = await client.listCustomerGroups({ business_code: '402871' }).withResponse()
console.log(JSON.stringify({ name: body.data.group.group_name, errors: typeof AuthenticationError.isInstance, listed: response.status, groups: Array.isArray(data.data.groups) }))
`,
  shoptet: `${header}
import { createShoptet, type UpdateCustomerGroupResponse } from '@customer-groups/shoptet'
const client = createShoptet({ accessToken: 't', baseUrl: process.env.SHOPTET_BASE_URL })
const body: UpdateCustomerGroupResponse = await client.updateCustomerGroup(7, { maxDiscount: '0.1500', language: 'cs' })
// @ts-expect-error Shoptet ids are numbers
void (() => client.updateCustomerGroup('7', { name: 'x' }))
const deleted = await client.deleteCustomerGroup(7).withResponse()
console.log(JSON.stringify({ name: body.data.customerGroups[1]?.name, errors: body.errors, deleted: deleted.response.status }))
`,
  everything: `${header}
import { updateCustomerGroupEverywhere } from '@customer-groups/client'
import { createShoptet } from '@customer-groups/shoptet'
import { createXtrakit } from '@customer-groups/xtrakit'
const results = await updateCustomerGroupEverywhere({
  targets: [
    { provider: createXtrakit({ apiKey: 'k', baseUrl: process.env.XTRAKIT_BASE_URL }), id: '1' },
    { provider: createShoptet({ accessToken: 't', baseUrl: process.env.SHOPTET_BASE_URL }), id: '7' },
  ],
  name: 'Wholesale partners',
})
console.log(JSON.stringify(results.map((result) => (result.ok ? result.group.name : String(result.error)))))
`,
  // The packages are ESM only. A CommonJS project require()s them on Node 20.19 and later, and
  // TypeScript (5.8 and later) types that with module nodenext.
  commonjs: `${header}
import { createXtrakit, NotFoundError } from '@customer-groups/xtrakit'
async function main() {
  const client = createXtrakit({ apiKey: 'k', baseUrl: process.env.XTRAKIT_BASE_URL })
  const body = await client.getCustomerGroup('1')
  console.log(JSON.stringify({ name: body.data.group.group_name, errors: typeof NotFoundError.isInstance }))
}
void main()
`,
  // What bundler users (Vite, esbuild, webpack) configure.
  bundler: `import { createCustomerGroup } from '@customer-groups/client'
import { createShoptet, createShoptetTransport, updateCustomerGroup } from '@customer-groups/shoptet'
const shoptet = createShoptet({ accessToken: 't' })
void createCustomerGroup({ provider: shoptet, name: 'VIP', providerOptions: { shoptet: { maxDiscount: '0.1500' } } })
void updateCustomerGroup.send(createShoptetTransport({ accessToken: 't' }), { id: 7, name: 'VIP' })
`,
}

/** How the consuming project is set up: an ESM project with `module: nodenext` unless said otherwise. */
interface Setup {
  type?: 'module' | 'commonjs'
  compilerOptions?: Record<string, unknown>
  /** Type-check only; a bundler would run it. */
  run?: boolean
}

async function project(name: keyof typeof programs, packages: string[], setup: Setup = {}) {
  const dir = join(work, name)
  mkdirSync(dir)
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({ name: `try-${name}`, private: true, type: setup.type ?? 'module' }),
  )
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({
      ...tsconfig,
      compilerOptions: { ...tsconfig.compilerOptions, ...setup.compilerOptions },
    }),
  )
  writeFileSync(join(dir, 'index.ts'), programs[name])
  await run(
    'npm',
    ['install', '--no-audit', '--no-fund', '--loglevel=error', ...packages.map((p) => tarballOf(p))],
    {
      cwd: dir,
    },
  )
  await run(process.execPath, [tsc, '-p', dir], { cwd: dir }).catch(
    (error: { stdout?: string; stderr?: string }) => {
      throw new Error(`tsc failed in ${name}:\n${error.stdout}${error.stderr}`)
    },
  )
  if (setup.run === false) return { dir, output: undefined }
  const urls = inject('mockServers')
  const { stdout } = await run(process.execPath, [join(dir, 'out', 'index.js')], {
    cwd: dir,
    // Each client reads its base URL from its own variable, as the registry names it.
    env: {
      ...process.env,
      ...Object.fromEntries(providers.map((entry) => [entry.baseUrlVariable, urls[entry.id]])),
    },
  })
  return { dir, output: JSON.parse(stdout) as unknown }
}

// npm install, tsc and a run each: minutes on a busy 2-core machine, not seconds.
const projectTimeoutMs = 120_000

describe('packed tarballs installed with npm in a clean project', () => {
  it.concurrent(
    'xtrakit alone (with its runtime)',
    async () => {
      const { dir, output } = await project('xtrakit', ['registry', 'runtime', 'xtrakit'])
      expect(output).toEqual({ name: 'Premium Customers', errors: 'function', listed: 200, groups: true })
      expect(existsSync(join(dir, 'node_modules', '@customer-groups', 'shoptet'))).toBe(false)
      expect(existsSync(join(dir, 'node_modules', '@customer-groups', 'xtrakit', 'openapi.yaml'))).toBe(true)
    },
    projectTimeoutMs,
  )

  it.concurrent(
    'shoptet alone (with its runtime), module node16',
    async () => {
      // An ES module project with module node16 works as well as nodenext.
      const { dir, output } = await project('shoptet', ['registry', 'runtime', 'shoptet'], {
        compilerOptions: { module: 'node16', moduleResolution: 'node16' },
      })
      expect(output).toEqual({ name: 'Wholesale partners', errors: null, deleted: 200 })
      expect(existsSync(join(dir, 'node_modules', '@customer-groups', 'xtrakit'))).toBe(false)
    },
    projectTimeoutMs,
  )

  it.concurrent(
    'a CommonJS project with module nodenext: require() of the ESM packages',
    async () => {
      const { dir, output } = await project('commonjs', ['registry', 'runtime', 'xtrakit'], {
        type: 'commonjs',
      })
      expect(readFileSync(join(dir, 'out', 'index.js'), 'utf8')).toContain(
        'require("@customer-groups/xtrakit")',
      )
      expect(output).toEqual({ name: 'Premium Customers', errors: 'function' })
    },
    projectTimeoutMs,
  )

  it.concurrent(
    'a bundler project: module preserve with moduleResolution bundler type-checks',
    async () => {
      const providerFolders = providers.map((entry) => entry.packageName.replace('@customer-groups/', ''))
      await project('bundler', ['registry', 'runtime', ...providerFolders, 'client'], {
        compilerOptions: { module: 'preserve', moduleResolution: 'bundler', noEmit: true },
        run: false,
      })
    },
    projectTimeoutMs,
  )

  it.concurrent(
    'the facade with both providers',
    async () => {
      const providerFolders = providers.map((entry) => entry.packageName.replace('@customer-groups/', ''))
      const { output } = await project('everything', ['registry', 'runtime', ...providerFolders, 'client'])
      expect(output).toEqual(['Premium Customers', 'Wholesale partners'])
    },
    projectTimeoutMs,
  )
})
