import { execFile, execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https'
import { type AddressInfo, connect, createServer, type Server, type Socket } from 'node:net'
import { join } from 'node:path'
import { startFaultServer } from '@customer-groups/testing'
import { createXtrakit } from '@customer-groups/xtrakit'
import { EnvHttpProxyAgent } from 'undici'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bin, work } from '../test-support.js'

const key = 'proxy_SECRET_KEY_5531'
const emptyList = { status: 200, message: 'Groups found: 0', data: { groups: [] } }

/** A loopback CONNECT proxy that records what each tunnel carried from the client, byte for byte. */
interface RecordingProxy {
  url: string
  /** The CONNECT request lines and headers, as received. */
  connects: string[]
  /** Everything clients sent through the tunnels after the CONNECT. */
  carried(): Buffer
  close(): Promise<void>
}

async function startRecordingProxy(): Promise<RecordingProxy> {
  const connects: string[] = []
  const chunks: Buffer[] = []
  const sockets = new Set<Socket>()
  const server: Server = createServer((client) => {
    sockets.add(client)
    client.on('close', () => sockets.delete(client))
    client.on('error', () => {})
    let head = Buffer.alloc(0)
    const onData = (chunk: Buffer) => {
      head = Buffer.concat([head, chunk])
      const end = head.indexOf('\r\n\r\n')
      if (end === -1) return
      client.off('data', onData)
      const request = head.subarray(0, end).toString('latin1')
      connects.push(request)
      const target = /^CONNECT (127\.0\.0\.1|localhost):(\d+) HTTP\/1\.1$/.exec(
        request.split('\r\n')[0] ?? '',
      )
      if (target === null) {
        // Only loopback targets, only tunnels: anything else is refused, never forwarded.
        client.end('HTTP/1.1 403 Forbidden\r\ncontent-length: 0\r\n\r\n')
        return
      }
      const upstream = connect(Number(target[2]), '127.0.0.1', () => {
        client.write('HTTP/1.1 200 Connection established\r\n\r\n')
        const rest = head.subarray(end + 4)
        if (rest.length > 0) {
          chunks.push(Buffer.from(rest))
          upstream.write(rest)
        }
        client.on('data', (data: Buffer) => {
          chunks.push(Buffer.from(data))
          upstream.write(data)
        })
        upstream.pipe(client)
        client.on('end', () => upstream.end())
      })
      sockets.add(upstream)
      upstream.on('close', () => sockets.delete(upstream))
      upstream.on('error', () => client.destroy())
    }
    client.on('data', onData)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    connects,
    carried: () => Buffer.concat(chunks),
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      }),
  }
}

function cli(args: string[], env: Record<string, string>) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      [bin, ...args],
      { env: { PATH: process.env.PATH ?? '', ...env } },
      (error, stdout, stderr) =>
        resolve({ code: error === null ? 0 : ((error as { code?: number }).code ?? null), stdout, stderr }),
    )
  })
}

/** A certificate for 127.0.0.1 made now, for this test only, trusted by the CLI through NODE_EXTRA_CA_CERTS. */
function testOnlyCertificate(): { cert: string; key: string; certFile: string } {
  const dir = mkdtempSync(join(work, 'tls-'))
  const keyFile = join(dir, 'test-only-key.pem')
  const certFile = join(dir, 'test-only-cert.pem')
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=customer-groups test only',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
      '-keyout',
      keyFile,
      '-out',
      certFile,
    ],
    { stdio: 'ignore' },
  )
  return { cert: readFileSync(certFile, 'utf8'), key: readFileSync(keyFile, 'utf8'), certFile }
}

describe('HTTPS_PROXY, HTTP_PROXY and NO_PROXY', () => {
  let proxy: RecordingProxy
  let tls: ReturnType<typeof testOnlyCertificate>
  let https: HttpsServer
  let httpsUrl: string
  const httpsAuthorizations: (string | undefined)[] = []
  beforeAll(async () => {
    proxy = await startRecordingProxy()
    tls = testOnlyCertificate()
    https = createHttpsServer({ cert: tls.cert, key: tls.key }, (request, response) => {
      httpsAuthorizations.push(request.headers.authorization)
      response.setHeader('content-type', 'application/json')
      response.end(JSON.stringify(emptyList))
    })
    await new Promise<void>((resolve) => https.listen(0, '127.0.0.1', resolve))
    httpsUrl = `https://127.0.0.1:${(https.address() as AddressInfo).port}/api/v1`
  })
  afterAll(async () => {
    await proxy?.close()
    await new Promise((resolve) => https?.close(resolve))
  })

  it('reaches an http server through the proxy named by HTTP_PROXY (or http_proxy)', async () => {
    const target = await startFaultServer({ faults: [], respond: () => ({ status: 200, body: emptyList }) })
    try {
      for (const variable of ['HTTP_PROXY', 'http_proxy']) {
        const before = proxy.connects.length
        const result = await cli(['list', '--provider', 'xtrakit', '--json'], {
          XTRAKIT_BASE_URL: target.url,
          XTRAKIT_API_KEY: key,
          [variable]: proxy.url,
        })
        expect(result.code, result.stderr).toBe(0)
        expect(proxy.connects.slice(before).map((request) => request.split('\r\n')[0])).toEqual([
          `CONNECT ${new URL(target.url).host} HTTP/1.1`,
        ])
      }
      expect(target.requests).toHaveLength(2)
    } finally {
      await target.close()
    }
  })

  it('tunnels an https request: the proxy never sees the credential in clear', async () => {
    const before = proxy.connects.length
    const carriedBefore = proxy.carried().length
    const result = await cli(['list', '--provider', 'xtrakit', '--json'], {
      XTRAKIT_BASE_URL: httpsUrl,
      XTRAKIT_API_KEY: key,
      HTTPS_PROXY: proxy.url,
      NODE_EXTRA_CA_CERTS: tls.certFile,
    })
    expect(result.code, result.stderr).toBe(0)
    expect(JSON.parse(result.stdout)).toMatchObject({ ok: true, groups: [] })
    // The server got the key, so it went through the tunnel …
    expect(httpsAuthorizations.at(-1)).toBe(`Bearer ${key}`)
    const connects = proxy.connects.slice(before)
    expect(connects.map((request) => request.split('\r\n')[0])).toEqual([
      `CONNECT ${new URL(httpsUrl).host} HTTP/1.1`,
    ])
    // … encrypted: neither the CONNECT nor a byte the proxy carried holds it.
    const carried = proxy.carried().subarray(carriedBefore)
    expect(carried.length).toBeGreaterThan(0)
    expect(carried.includes(key)).toBe(false)
    expect(carried.includes('Bearer')).toBe(false)
    expect(connects.join('\n')).not.toContain(key)
    expect(connects.join('\n').toLowerCase()).not.toContain('authorization')
    expect(result.stdout + result.stderr).not.toContain(key)
  })

  it('goes straight to the hosts NO_PROXY lists', async () => {
    const target = await startFaultServer({ faults: [], respond: () => ({ status: 200, body: emptyList }) })
    try {
      const before = proxy.connects.length
      for (const noProxy of [
        { NO_PROXY: '127.0.0.1' },
        { no_proxy: `localhost,${new URL(target.url).host}` },
      ]) {
        const result = await cli(['list', '--provider', 'xtrakit'], {
          XTRAKIT_BASE_URL: target.url,
          XTRAKIT_API_KEY: key,
          HTTP_PROXY: proxy.url,
          ...noProxy,
        })
        expect(result.code, result.stderr).toBe(0)
      }
      expect(proxy.connects.slice(before)).toEqual([])
      expect(target.requests).toHaveLength(2)
    } finally {
      await target.close()
    }
  })

  it('the library way the README shows: a client given a fetch with an undici proxy agent', async () => {
    const target = await startFaultServer({ faults: [], respond: () => ({ status: 200, body: emptyList }) })
    try {
      const before = proxy.connects.length
      // As the root README shows it, with the proxy given here rather than read from the environment.
      const dispatcher = new EnvHttpProxyAgent({ httpProxy: proxy.url, httpsProxy: proxy.url })
      const xtrakit = createXtrakit({
        apiKey: key,
        baseUrl: target.url,
        fetch: (url, init) => fetch(url, { ...init, dispatcher } as RequestInit),
      })
      expect((await xtrakit.listCustomerGroups()).data.groups).toEqual([])
      expect(proxy.connects.slice(before).map((request) => request.split('\r\n')[0])).toEqual([
        `CONNECT ${new URL(target.url).host} HTTP/1.1`,
      ])
      await dispatcher.close()
    } finally {
      await target.close()
    }
  })

  it('fails naming the proxy when it cannot be reached, and never falls back to a direct connection', async () => {
    const target = await startFaultServer({ faults: [], respond: () => ({ status: 200, body: emptyList }) })
    try {
      const result = await cli(['list', '--provider', 'xtrakit', '--max-retries', '0'], {
        XTRAKIT_BASE_URL: target.url,
        XTRAKIT_API_KEY: key,
        HTTP_PROXY: 'http://127.0.0.1:9',
      })
      expect(result.code).toBe(1)
      expect(target.requests).toHaveLength(0)
      expect(result.stderr).toContain('127.0.0.1:9')
      expect(result.stderr).not.toContain(key)
    } finally {
      await target.close()
    }
  })
})
