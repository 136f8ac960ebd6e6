import { execFile } from 'node:child_process'
import { cpSync, mkdirSync, readdirSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { work } from '../test-support.js'
import { installCommand } from './install-hint.js'

const own = fileURLToPath(new URL('..', import.meta.url))

/**
 * Lays the built CLI out as npm installs it, without @customer-groups/testing
 * (an optional peer): globally (`<prefix>/lib/node_modules`, no project
 * around it) or in a project. Its dependencies are linked to the workspace's.
 */
function installed(layout: 'global' | 'project'): string {
  const root = join(work, `install-${layout}`)
  const folder =
    layout === 'global'
      ? join(root, 'lib', 'node_modules', '@customer-groups', 'cli')
      : join(root, 'node_modules', '@customer-groups', 'cli')
  mkdirSync(folder, { recursive: true })
  if (layout === 'project')
    writeFileSync(join(root, 'package.json'), '{ "name": "a-project", "private": true }')
  cpSync(join(own, 'dist'), join(folder, 'dist'), { recursive: true })
  cpSync(join(own, 'package.json'), join(folder, 'package.json'))
  const modules = join(folder, 'node_modules')
  for (const name of ['cli-progress', 'csv-parse', 'yaml']) {
    mkdirSync(modules, { recursive: true })
    symlinkSync(realpathSync(join(own, 'node_modules', name)), join(modules, name))
  }
  mkdirSync(join(modules, '@customer-groups'), { recursive: true })
  for (const name of readdirSync(join(own, 'node_modules', '@customer-groups')).filter(
    (name) => name !== 'testing',
  ))
    symlinkSync(
      realpathSync(join(own, 'node_modules', '@customer-groups', name)),
      join(modules, '@customer-groups', name),
    )
  return join(folder, 'dist', 'cli.js')
}

function run(script: string, args: string[]) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      [script, ...args],
      { env: { PATH: process.env.PATH ?? '' } },
      (error, stdout, stderr) =>
        resolve({ code: error === null ? 0 : ((error as { code?: number }).code ?? null), stdout, stderr }),
    )
  })
}

describe('mock without @customer-groups/testing', () => {
  it('a global CLI says to install it globally', async () => {
    const result = await run(installed('global'), ['mock'])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('npm install -g @customer-groups/testing')
  })

  it('a CLI in a project says to install it in the project', async () => {
    const result = await run(installed('project'), ['mock'])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('npm install @customer-groups/testing')
    expect(result.stderr).not.toContain('install -g')
  })
})

describe('installCommand', () => {
  it('knows pnpm’s global folder and its store inside a project', () => {
    expect(
      installCommand(
        'p',
        '/home/a/.local/share/pnpm/global/5/node_modules/.pnpm/@customer-groups+cli@1.0.0/node_modules/@customer-groups/cli',
      ),
    ).toBe('pnpm add -g p')
    expect(
      installCommand(
        'p',
        '/work/app/node_modules/.pnpm/@customer-groups+cli@1.0.0/node_modules/@customer-groups/cli',
      ),
    ).toBe('npm install p')
  })
})
