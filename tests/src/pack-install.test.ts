import { execFile } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { packPackages, repo } from '@customer-groups/ecosystem-tests/pack'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'

/**
 * Installs the packed tarballs into fresh projects outside the repo, as users
 * meet them, then type-checks and runs a small program against the mocks. A file
 * missing from `files` or a wrong `exports` path fails here.
 */
const run = promisify(execFile)
const tsc = join(repo, 'node_modules', 'typescript', 'bin', 'tsc')
const publicPackages = ['registry', 'runtime', 'xtrakit', 'shoptet', 'client', 'testing'] as const
const work = mkdtempSync(join(tmpdir(), 'cg-pack-'))
let tarballs: Record<(typeof publicPackages)[number], string>

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
const client = createXtrakit({ apiKey: 'k', baseUrl: process.env.XTRAKIT_URL })
const body: UpdateCustomerGroupResponse = await client.updateCustomerGroup('1', { group_name: 'VIP' })
// @ts-expect-error a misspelt field must be a type error, proving the types are real
void (() => client.updateCustomerGroup('1', { group_nam: 'VIP' }))
const { data, response } = await client.listCustomerGroups({ business_code: '402871' }).withResponse()
console.log(JSON.stringify({ name: body.data.group.group_name, errors: typeof AuthenticationError.isInstance, listed: response.status, groups: Array.isArray(data.data.groups) }))
`,
  shoptet: `${header}
import { createShoptet, type UpdateCustomerGroupResponse } from '@customer-groups/shoptet'
const client = createShoptet({ accessToken: 't', baseUrl: process.env.SHOPTET_URL })
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
    { provider: createXtrakit({ apiKey: 'k', baseUrl: process.env.XTRAKIT_URL }), id: '1' },
    { provider: createShoptet({ accessToken: 't', baseUrl: process.env.SHOPTET_URL }), id: '7' },
  ],
  name: 'Wholesale partners',
})
console.log(JSON.stringify(results.map((result) => (result.ok ? result.group.name : String(result.error)))))
`,
}

async function project(name: keyof typeof programs, packages: (typeof publicPackages)[number][]) {
  const dir = join(work, name)
  mkdirSync(dir)
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({ name: `try-${name}`, private: true, type: 'module' }),
  )
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify(tsconfig))
  writeFileSync(join(dir, 'index.ts'), programs[name])
  await run(
    'npm',
    ['install', '--no-audit', '--no-fund', '--loglevel=error', ...packages.map((p) => tarballs[p])],
    {
      cwd: dir,
    },
  )
  await run(process.execPath, [tsc, '-p', dir], { cwd: dir }).catch(
    (error: { stdout?: string; stderr?: string }) => {
      throw new Error(`tsc failed in ${name}:\n${error.stdout}${error.stderr}`)
    },
  )
  const urls = inject('mockServers')
  const { stdout } = await run(process.execPath, [join(dir, 'out', 'index.js')], {
    cwd: dir,
    env: { ...process.env, XTRAKIT_URL: urls.xtrakit, SHOPTET_URL: urls.shoptet },
  })
  return { dir, output: JSON.parse(stdout) as unknown }
}

describe('packed tarballs installed with npm in a clean project', () => {
  it.concurrent('xtrakit alone (with its runtime)', async () => {
    const { dir, output } = await project('xtrakit', ['registry', 'runtime', 'xtrakit'])
    expect(output).toEqual({ name: 'Premium Customers', errors: 'function', listed: 200, groups: true })
    expect(existsSync(join(dir, 'node_modules', '@customer-groups', 'shoptet'))).toBe(false)
    expect(existsSync(join(dir, 'node_modules', '@customer-groups', 'xtrakit', 'openapi.yaml'))).toBe(true)
  })

  it.concurrent('shoptet alone (with its runtime)', async () => {
    const { dir, output } = await project('shoptet', ['registry', 'runtime', 'shoptet'])
    expect(output).toEqual({ name: 'Wholesale partners', errors: null, deleted: 200 })
    expect(existsSync(join(dir, 'node_modules', '@customer-groups', 'xtrakit'))).toBe(false)
  })

  it.concurrent('the facade with both providers', async () => {
    const { output } = await project('everything', ['registry', 'runtime', 'xtrakit', 'shoptet', 'client'])
    expect(output).toEqual(['Premium Customers', 'Wholesale partners'])
  })
})
