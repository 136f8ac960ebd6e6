import { execFile } from 'node:child_process'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const examples = fileURLToPath(new URL('../../examples/', import.meta.url))
const tsx = createRequire(`${examples}package.json`).resolve('tsx/cli')

/** `pnpm start` without credentials: the demo against mocks it starts itself. */
function demo(): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [tsx, 'start.ts'],
      { cwd: examples, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' } },
      (error, stdout, stderr) =>
        resolve({ code: error === null ? 0 : ((error as { code?: number }).code ?? null), stdout, stderr }),
    )
  })
}

/** The lines of one numbered step of the demo's output. */
const step = (output: string, number: number) =>
  output.slice(output.indexOf(`\n${number}. `), output.indexOf(`\n${number + 1}. `))

describe('the demo (pnpm start)', () => {
  it('shows the changes it claims: each update prints what was there and what is there now', async () => {
    const result = await demo()
    expect(result.code, result.stderr).toBe(0)
    const xtrakit = step(result.stdout, 2)
    const before = /before: "Premium Customers", description (".*")/.exec(xtrakit)?.[1]
    const after = /description: (".*")/.exec(xtrakit)?.[1]
    expect(after).toBe('"Spent over $1000 in their first year"')
    expect(before).toBeDefined()
    expect(before).not.toBe(after)
    const shoptet = step(result.stdout, 3)
    expect(shoptet).toContain(
      'before: "Wholesale partners", description "Partners buying in bulk", {"maxDiscount":"0.1500","defaultDueDays":30}',
    )
    expect(shoptet).toContain('"maxDiscount":"0.2500"')
    expect(shoptet).toContain('"defaultDueDays":14')
    // A group is never shown updated before it was created.
    const dates = [...result.stdout.matchAll(/created (\S+ \S+), updated (\S+ \S+)/g)]
    expect(dates.length).toBeGreaterThan(0)
    for (const [line, created = '', updated = ''] of dates) expect(updated >= created, line).toBe(true)
    expect(result.stdout).toContain('\nDone.')
  }, 120_000)
})
