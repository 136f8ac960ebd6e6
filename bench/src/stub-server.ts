import { createServer } from 'node:http'
import { builtInProviders } from '@customer-groups/registry'
import { benchProfiles } from './contenders.js'

/**
 * A loopback server that answers every request at once with its provider's success body, told by path,
 * about the group the path names where the profile says how.
 */
export async function startStubServer(): Promise<{ url: string; close: () => Promise<void> }> {
  const bodies = builtInProviders
    .map((entry) => entry.id)
    .map((id) => ({
      prefix: benchProfiles[id].pathPrefix,
      answerFor: benchProfiles[id].answerFor,
      body: Buffer.from(JSON.stringify(benchProfiles[id].successBody)),
    }))
  const server = createServer((request, response) => {
    request.resume()
    request.on('end', () => {
      const url = request.url ?? ''
      const found = bodies.find(({ prefix }) => url.startsWith(prefix))
      const answer = found?.answerFor?.(url)
      const body =
        answer === undefined ? (found?.body ?? Buffer.from('{}')) : Buffer.from(JSON.stringify(answer))
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': body.byteLength })
      response.end(body)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  const port = typeof address === 'object' && address !== null ? address.port : 0
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
