import { execFile } from 'node:child_process'
import { createServer } from 'node:http'
import { dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { builtInProviders } from '@customer-groups/registry'
import { describe, expect, it } from 'vitest'
import { benchProfiles } from './contenders.js'
import { callContenders, callScript } from './instructions.js'

const run = promisify(execFile)
const providerIds = builtInProviders.map((entry) => entry.id)
const here = dirname(fileURLToPath(import.meta.url))

/** A loopback server that records every request and answers with the provider's success body. */
async function recordingServer() {
  const requests: { method: string; url: string; body: unknown }[] = []
  const server = createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8')
      requests.push({ method: request.method ?? '', url: request.url ?? '', body: text && JSON.parse(text) })
      const provider = providerIds.find((id) => request.url?.startsWith(benchProfiles[id].pathPrefix))
      const body = JSON.stringify(provider === undefined ? {} : benchProfiles[provider].successBody)
      response.writeHead(200, { 'content-type': 'application/json' }).end(body)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  const url = `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`
  return { url, requests, close: () => new Promise((resolve) => server.close(resolve)) }
}

// The scripts run under valgrind only in `pnpm bench`; here they run plainly.
describe('the per-call scripts', () => {
  it('make the number of calls they are given, each the same request as the hand-written one', async () => {
    const server = await recordingServer()
    try {
      for (const provider of providerIds) {
        const seen: Record<string, unknown> = {}
        for (const contender of callContenders) {
          server.requests.length = 0
          const source = `${callScript(contender, provider, server.url)}\nconsole.log('made', count)`
          const { stdout } = await run(process.execPath, ['--input-type=module', '-e', source, '2'], {
            cwd: here,
            encoding: 'utf8',
          })
          expect(stdout.trim(), `${provider} ${contender}`).toBe('made 2')
          expect(server.requests, `${provider} ${contender}`).toHaveLength(2)
          seen[contender] = server.requests[0]
        }
        expect(seen.provider, provider).toEqual(seen['hand-written fetch + timeout'])
        expect(seen.facade, provider).toEqual(seen['hand-written fetch + timeout'])
      }
    } finally {
      await server.close()
    }
  }, 60_000)
})
