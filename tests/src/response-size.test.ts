import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createGzip } from 'node:zlib'
import { InvalidResponseError } from '@customer-groups/runtime'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { apiOf, createClient, providerNames, updateOnce } from './providers.js'

// A compression bomb: a small gzip body of valid JSON that inflates far beyond the cap. Its
// Content-Length counts compressed bytes, so only counting the decoded bytes stops it.

const decodedSize = 64 * 1024 * 1024
const cap = 1024 * 1024

/** `{"pad":"      …"}` of `decodedSize` bytes, gzipped, without ever holding it decoded. */
async function gzipBomb(): Promise<Buffer> {
  const gzip = createGzip({ level: 9 })
  const chunks: Buffer[] = []
  gzip.on('data', (chunk: Buffer) => chunks.push(chunk))
  const done = new Promise((resolve) => gzip.on('end', resolve))
  const spaces = Buffer.alloc(1024 * 1024, 0x20)
  gzip.write('{"pad":"')
  for (let written = 10; written < decodedSize; written += spaces.length) gzip.write(spaces)
  gzip.end('"}')
  await done
  return Buffer.concat(chunks)
}

let bomb: Buffer
let server: Server
let url: string

beforeAll(async () => {
  bomb = await gzipBomb()
  server = createServer((request, response) => {
    request.resume()
    request.on('end', () => {
      const status = request.url?.includes('fail') ? 500 : 200
      response.writeHead(status, {
        'content-type': 'application/json',
        'content-encoding': 'gzip',
        'content-length': bomb.length,
      })
      response.end(bomb)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve))
})

/** The global fetch, counting the decoded bytes the client actually pulls from each body. */
function countingFetch() {
  const pulled: number[] = []
  const fetchCounting = async (input: string | URL | Request, init?: RequestInit) => {
    const response = await fetch(input, init)
    const index = pulled.push(0) - 1
    const counted = response.body?.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          pulled[index] = (pulled[index] ?? 0) + chunk.byteLength
          controller.enqueue(chunk)
        },
      }),
    )
    return new Response(counted ?? null, { status: response.status, headers: response.headers })
  }
  return { fetch: fetchCounting, pulled }
}

describe.each(providerNames)('%s reads at most maxResponseBytes of a decoded body', (provider) => {
  it('stops a gzip bomb in a success body at the cap with InvalidResponseError', async () => {
    expect(bomb.length).toBeLessThan(cap)
    const counting = countingFetch()
    const error = await updateOnce(provider, {
      baseUrl: url,
      fetch: counting.fetch,
      maxResponseBytes: cap,
    }).catch((caught: unknown) => caught)
    expect(InvalidResponseError.isInstance(error)).toBe(true)
    expect((error as InvalidResponseError).reason).toBe(
      `a body over the size limit of ${cap} bytes (maxResponseBytes)`,
    )
    // Reading stopped at the cap (plus at most one chunk in flight), far from the 64 MiB behind it.
    expect(counting.pulled[0]).toBeLessThan(cap + 256 * 1024)
  })

  it('caps error bodies the same way, and does not retry an oversized answer', async () => {
    const counting = countingFetch()
    const client = createClient(provider, {
      baseUrl: `${url}/fail`,
      fetch: counting.fetch,
      maxResponseBytes: cap,
      maxRetries: 2,
    })
    const api = apiOf(client) as unknown as { GET: (path: string) => Promise<unknown> }
    const error = await api.GET('/x').catch((caught: unknown) => caught)
    expect(error).toMatchObject({ name: 'InvalidResponseError', status: 500 })
    expect(counting.pulled).toHaveLength(1)
    expect(counting.pulled[0]).toBeLessThan(cap + 256 * 1024)
  })

  it('holds to the default cap of 10 MiB without a setting', async () => {
    const counting = countingFetch()
    const error = await updateOnce(provider, { baseUrl: url, fetch: counting.fetch }).catch(
      (caught: unknown) => caught,
    )
    expect((error as InvalidResponseError).reason).toMatch(/size limit of 10485760 bytes/)
    expect(counting.pulled[0]).toBeLessThan(10 * 1024 * 1024 + 256 * 1024)
  })
})
