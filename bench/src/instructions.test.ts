import { execFile } from 'node:child_process'
import { dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { providerIds } from '@customer-groups/registry'
import { describe, expect, it } from 'vitest'
import { callContenders, callScript } from './instructions.js'
import { startStubServer } from './stub-server.js'

const run = promisify(execFile)
const here = dirname(fileURLToPath(import.meta.url))

// The scripts run under valgrind only in `pnpm bench`; here they run plainly, to show they make their calls.
describe('the per-call scripts', () => {
  it('make the number of calls they are given against the loopback server', async () => {
    const server = await startStubServer()
    try {
      for (const provider of providerIds) {
        for (const contender of callContenders) {
          const source = `${callScript(contender, provider, server.url)}\nconsole.log('made', count)`
          const { stdout } = await run(process.execPath, ['--input-type=module', '-e', source, '3'], {
            cwd: here,
            encoding: 'utf8',
          })
          expect(stdout.trim(), `${provider} ${contender}`).toBe('made 3')
        }
      }
    } finally {
      await server.close()
    }
  }, 60_000)
})
