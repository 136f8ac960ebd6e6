import { execFile } from 'node:child_process'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { startFaultServer } from '@customer-groups/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bin, work } from '../test-support.js'

// End to end: the built bin, run in a folder of its own with only the environment given.
function cliIn(
  cwd: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [bin, ...args],
      { cwd, env: { PATH: process.env.PATH ?? '', HOME: join(cwd, 'home'), ...env } },
      (error, stdout, stderr) =>
        resolve({ code: error === null ? 0 : ((error as { code?: number }).code ?? null), stdout, stderr }),
    )
  })
}

let folders = 0
/** A fresh folder with a changes file whose row names account `shop-a`. */
function folder(): string {
  const dir = mkdtempSync(join(work, `defaults-${++folders}-`))
  writeFileSync(join(dir, 'changes.yaml'), '- { account: shop-a, id: 7, name: VIP }\n')
  return dir
}

const accounts = (variable: string) => `shop-a:\n  provider: shoptet\n  accessTokenEnv: ${variable}\n`

/** Which account file the dry run used: the one whose variable is set is the only one that resolves. */
async function dryRun(cwd: string, env: Record<string, string> = {}) {
  const result = await cliIn(cwd, ['apply', 'changes.yaml', '--dry-run', '--json'], env)
  return {
    ...result,
    json: result.stdout === '' ? undefined : (JSON.parse(result.stdout) as Record<string, unknown>),
  }
}

describe('the accounts file, when --accounts is not given', () => {
  it('is the one CUSTOMER_GROUPS_ACCOUNTS names, then ./customer-groups.accounts.yaml, then the config folder', async () => {
    const cwd = folder()
    const tokens = {
      TOKEN_FLAG: 't1',
      TOKEN_VARIABLE: 't2',
      TOKEN_LOCAL: 't3',
      TOKEN_XDG: 't4',
      TOKEN_HOME: 't5',
    }
    writeFileSync(join(cwd, 'flag.yaml'), accounts('TOKEN_FLAG'))
    writeFileSync(join(cwd, 'named.yaml'), accounts('TOKEN_VARIABLE'))
    writeFileSync(join(cwd, 'customer-groups.accounts.yaml'), accounts('TOKEN_LOCAL'))
    mkdirSync(join(cwd, 'xdg', 'customer-groups'), { recursive: true })
    writeFileSync(join(cwd, 'xdg', 'customer-groups', 'accounts.yaml'), accounts('TOKEN_XDG'))
    mkdirSync(join(cwd, 'home', '.config', 'customer-groups'), { recursive: true })
    writeFileSync(join(cwd, 'home', '.config', 'customer-groups', 'accounts.yaml'), accounts('TOKEN_HOME'))
    const resolved = async (env: Record<string, string>, args: string[] = []) => {
      // Only the variable the chosen file names is set, so a dry run passes only with the right file.
      const outcomes: string[] = []
      for (const [variable, value] of Object.entries(tokens)) {
        const result = await cliIn(cwd, ['apply', 'changes.yaml', '--dry-run', '--json', ...args], {
          ...env,
          [variable]: value,
        })
        if (result.code === 0) outcomes.push(variable)
      }
      return outcomes
    }
    expect(await resolved({ CUSTOMER_GROUPS_ACCOUNTS: 'named.yaml' }, ['--accounts', 'flag.yaml'])).toEqual([
      'TOKEN_FLAG',
    ])
    expect(await resolved({ CUSTOMER_GROUPS_ACCOUNTS: 'named.yaml' })).toEqual(['TOKEN_VARIABLE'])
    expect(await resolved({ XDG_CONFIG_HOME: join(cwd, 'xdg') })).toEqual(['TOKEN_LOCAL'])
    const elsewhere = join(cwd, 'home')
    const fromConfig = async (env: Record<string, string>) => {
      const outcomes: string[] = []
      for (const [variable, value] of Object.entries(tokens)) {
        const result = await cliIn(elsewhere, ['apply', join(cwd, 'changes.yaml'), '--dry-run', '--json'], {
          HOME: join(cwd, 'home'),
          ...env,
          [variable]: value,
        })
        if (result.code === 0) outcomes.push(variable)
      }
      return outcomes
    }
    expect(await fromConfig({ XDG_CONFIG_HOME: join(cwd, 'xdg') })).toEqual(['TOKEN_XDG'])
    expect(await fromConfig({})).toEqual(['TOKEN_HOME'])
  })

  it('is none when none of them exists: a row naming an account says so', async () => {
    const result = await dryRun(folder())
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('account')
  })

  it('named by CUSTOMER_GROUPS_ACCOUNTS must exist', async () => {
    const result = await dryRun(folder(), { CUSTOMER_GROUPS_ACCOUNTS: 'missing.yaml' })
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('missing.yaml')
  })
})

describe('--env-file', () => {
  const key = 'env_FILE_KEY_3381'
  let server: Awaited<ReturnType<typeof startFaultServer>>
  beforeAll(async () => {
    server = await startFaultServer({
      faults: [],
      maxRequests: 100,
      respond: () => ({
        status: 200,
        body: { status: 200, message: 'Groups found: 0', data: { groups: [] } },
      }),
    })
  })
  afterAll(() => server?.close())

  it('sets what the environment does not, as Node’s --env-file does; a .env is never read unasked', async () => {
    const cwd = folder()
    writeFileSync(join(cwd, '.env'), `XTRAKIT_API_KEY=${key}-dotenv\nXTRAKIT_BASE_URL=${server.url}\n`)
    writeFileSync(join(cwd, 'first.env'), `XTRAKIT_API_KEY=${key}-first\nXTRAKIT_BASE_URL=${server.url}\n`)
    writeFileSync(join(cwd, 'second.env'), `# a later file wins\nXTRAKIT_API_KEY="${key}-second"\n`)
    const from = server.requests.length
    const unasked = await cliIn(cwd, ['list', '--provider', 'xtrakit'])
    expect(unasked.code).toBe(2)
    expect(unasked.stderr).toContain('no credentials')
    const loaded = await cliIn(cwd, [
      'list',
      '--provider',
      'xtrakit',
      '--env-file',
      'first.env',
      '--env-file',
      'second.env',
    ])
    expect(loaded.code).toBe(0)
    const environmentWins = await cliIn(cwd, ['list', '--provider', 'xtrakit', '--env-file', 'first.env'], {
      XTRAKIT_API_KEY: `${key}-environment`,
    })
    expect(environmentWins.code).toBe(0)
    expect(server.requests.slice(from).map((request) => request.headers.authorization)).toEqual([
      `Bearer ${key}-second`,
      `Bearer ${key}-environment`,
    ])
    for (const result of [unasked, loaded, environmentWins])
      expect(result.stdout + result.stderr).not.toContain(key)
    const missing = await cliIn(cwd, ['list', '--provider', 'xtrakit', '--env-file', 'nope.env'])
    // Node 20 looks at --env-file even after the script's name: it refuses a missing file itself, before the CLI
    // runs (and loads nothing there). Later Node versions leave it to the CLI.
    if (process.versions.node.startsWith('20.'))
      expect(missing).toMatchObject({ code: 9, stderr: `${process.execPath}: nope.env: not found\n` })
    else expect(missing).toMatchObject({ code: 2, stderr: '--env-file nope.env: cannot read it (ENOENT)\n' })
  })
})
