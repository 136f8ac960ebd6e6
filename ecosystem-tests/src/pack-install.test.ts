import { execFile } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { providerEntries } from '@customer-groups/registry'
import { describe, expect, inject, it } from 'vitest'
import { repo } from './pack.js'
import { installProject } from './project.js'

/**
 * The tarballs the global setup packed, installed with npm into projects outside the repo, as
 * users meet them, then type-checked against our .d.ts and run against the mocks. A file
 * missing from `files` or a wrong `exports` path fails here. Projects that install the same
 * packages share one installation: each set-up is a folder of its own inside it.
 */
const run = promisify(execFile)
const tsc = join(repo, 'node_modules', 'typescript', 'bin', 'tsc')
const { work, tarballs, project: clientsProject, mocks } = inject('ecosystem')
const tarballOf = (name: string): string => {
  const tarball = tarballs[name]
  if (tarball === undefined) throw new Error(`${name} is not a published package`)
  return tarball
}

/** One npm installation per set of packages, made on first use. */
const installations = new Map<string, Promise<string>>()
function installation(name: string, packages: string[]): Promise<string> {
  let installed = installations.get(name)
  if (installed === undefined) {
    installed = installProject(join(work, `pack-${name}`), packages.map(tarballOf))
    installations.set(name, installed)
  }
  return installed
}

const tsconfig = {
  compilerOptions: {
    target: 'ES2022',
    lib: ['ES2022', 'DOM'],
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    strict: true,
    exactOptionalPropertyTypes: true,
    // Our published .d.ts files (and those they import) must type-check too; TypeScript's own
    // lib files need no check here, and checking them was two thirds of each run.
    skipLibCheck: false,
    skipDefaultLibCheck: true,
    outDir: 'out',
    types: [],
  },
  include: ['index.ts'],
}

const header = `declare const process: { env: Record<string, string | undefined> }\n`

const programs = {
  xtrakit: `${header}
import { AuthenticationError, createXtrakit, type UpdateCustomerGroupResponse } from '@customer-groups/xtrakit'
import { createXtrakitApi } from '@customer-groups/xtrakit/api'
const client = createXtrakit({ apiKey: 'k', baseUrl: process.env.XTRAKIT_BASE_URL })
const body: UpdateCustomerGroupResponse = await client.updateCustomerGroup({ id: '1', group_name: 'VIP' })
// @ts-expect-error a misspelt field must be a type error, proving the types are real
void (() => client.updateCustomerGroup({ id: '1', group_nam: 'VIP' }))
const { data, response } = await client.listCustomerGroups({ business_code: '402871' }).withResponse()
const api = createXtrakitApi(client)
const raw = await api.GET('/customer-groups', { params: { query: { business_code: '402871' } } })
// @ts-expect-error the openapi-fetch client is typed with Xtrakit's paths
void (() => api.GET('/api/customers/groups'))
console.log(JSON.stringify({ name: body.data.group.group_name, errors: typeof AuthenticationError.isInstance, listed: response.status, groups: Array.isArray(data.data.groups), api: raw.response.status }))
`,
  shoptet: `${header}
import { createShoptet, type UpdateCustomerGroupResponse } from '@customer-groups/shoptet'
const client = createShoptet({ accessToken: 't', baseUrl: process.env.SHOPTET_BASE_URL })
const body: UpdateCustomerGroupResponse = await client.updateCustomerGroup({ id: 7, maxDiscount: '0.1500', language: 'cs' })
// @ts-expect-error Shoptet ids are numbers
void (() => client.updateCustomerGroup({ id: '7', name: 'x' }))
const deleted = await client.deleteCustomerGroup({ id: 7 }).withResponse()
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
  const body = await client.getCustomerGroup({ id: '1' })
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

/** A set-up in a folder of its own inside `installed`, whose node_modules it resolves from. */
async function project(name: keyof typeof programs, installed: string, setup: Setup = {}) {
  const dir = join(installed, `try-${name}`)
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
  await run(process.execPath, [tsc, '-p', dir], { cwd: dir }).catch(
    (error: { stdout?: string; stderr?: string }) => {
      throw new Error(`tsc failed in ${name}:\n${error.stdout}${error.stderr}`)
    },
  )
  if (setup.run === false) return { dir, output: undefined }
  const { stdout } = await run(process.execPath, [join(dir, 'out', 'index.js')], {
    cwd: dir,
    // Each client reads its base URL from its own variable, as the registry names it.
    env: {
      ...process.env,
      ...Object.fromEntries(providerEntries().map((entry) => [entry.baseUrlVariable, mocks[entry.id]])),
    },
  })
  return { dir, output: JSON.parse(stdout) as unknown }
}

// npm install (shared), tsc and a run each: a minute or more on a busy 2-core machine, not seconds.
const projectTimeoutMs = 120_000

describe('packed tarballs installed with npm in a clean project', () => {
  it.concurrent(
    'xtrakit alone (with its runtime, and no registry: it describes itself)',
    async () => {
      const installed = await installation('xtrakit', ['runtime', 'xtrakit'])
      const { output } = await project('xtrakit', installed)
      expect(output).toEqual({
        name: 'Premium Customers',
        errors: 'function',
        listed: 200,
        groups: true,
        api: 200,
      })
      expect(existsSync(join(installed, 'node_modules', '@customer-groups', 'shoptet'))).toBe(false)
      expect(existsSync(join(installed, 'node_modules', '@customer-groups', 'xtrakit', 'openapi.yaml'))).toBe(
        true,
      )
    },
    projectTimeoutMs,
  )

  it.concurrent(
    'shoptet alone (with its runtime), module node16',
    async () => {
      // An ES module project with module node16 works as well as nodenext.
      const installed = await installation('shoptet', ['runtime', 'shoptet'])
      const { output } = await project('shoptet', installed, {
        compilerOptions: { module: 'node16', moduleResolution: 'node16' },
      })
      expect(output).toEqual({ name: 'Wholesale partners', errors: null, deleted: 200 })
      expect(existsSync(join(installed, 'node_modules', '@customer-groups', 'xtrakit'))).toBe(false)
    },
    projectTimeoutMs,
  )

  it.concurrent(
    'a CommonJS project with module nodenext: require() of the ESM packages',
    async () => {
      const installed = await installation('xtrakit', ['runtime', 'xtrakit'])
      const { dir, output } = await project('commonjs', installed, { type: 'commonjs' })
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
      // The global setup's project holds every client package, as a bundler app would.
      await project('bundler', clientsProject, {
        compilerOptions: { module: 'preserve', moduleResolution: 'bundler', noEmit: true },
        run: false,
      })
    },
    projectTimeoutMs,
  )

  it.concurrent(
    'the facade with both providers',
    async () => {
      const { output } = await project('everything', clientsProject)
      expect(output).toEqual(['Premium Customers', 'Wholesale partners'])
    },
    projectTimeoutMs,
  )
})
