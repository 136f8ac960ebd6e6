import { inspect } from 'node:util'
import { updateCustomerGroup } from '@customer-groups/client'
import { type Fault, startFaultServer } from '@customer-groups/testing'
import { describe, expect, it } from 'vitest'
import {
  createClient,
  credentialSetting,
  kitOf,
  type ProviderName,
  providerNames,
  recordingLogger,
  sampleIdOf,
  secretOf,
  updateOnce,
} from './providers.js'

/** Every way we render an error or a log line a user might print or ship to a log service. */
function renderings(error: unknown, logLines: unknown[]): string[] {
  const asError = error as Error
  return [
    String(error),
    asError.message,
    asError.stack ?? '',
    JSON.stringify(error),
    JSON.stringify((error as { headers?: unknown }).headers ?? {}),
    inspect(error, { depth: null, showHidden: true }),
    JSON.stringify(logLines),
    inspect(logLines, { depth: null }),
  ]
}

/** Faults that echo the credential back in every place a server could. */
function echoing(provider: ProviderName): Fault[] {
  const token = secretOf(provider)
  const headers = {
    authorization: `Bearer ${token}`,
    'set-cookie': `session=${token}`,
    'x-echo-token': token,
    'x-api-key': token,
    'retry-after': '0',
  }
  return [
    {
      status: 401,
      // The provider's own error envelope (from its kit) saying the token, and the token beside it.
      body: { ...(kitOf(provider).errorBody(`bad key ${token}`, 401) as object), echo: token },
      headers,
    },
    { status: 500, body: `<html>${token}</html>`, headers },
    { status: 200, body: `not json ${token}`, headers: { ...headers, 'content-type': 'application/json' } },
    { reset: true },
    { hang: true },
  ]
}

describe.each(providerNames)('%s never prints its token', (provider) => {
  const token = secretOf(provider)

  it.each([0, 1, 2, 3, 4])('on error path %i, in the error and in debug logs', async (index) => {
    const fault = echoing(provider)[index] as Fault
    const server = await startFaultServer({ faults: [fault] })
    const { logger, lines } = recordingLogger()
    try {
      const error = await updateOnce(provider, {
        baseUrl: server.url,
        logger,
        maxRetries: 0,
        // Path 4 hangs: the limit must leave time for the request to arrive on a busy machine.
        timeoutMs: 1_000,
      }).catch((caught: unknown) => caught)
      expect(error).toBeInstanceOf(Error)
      // The request did carry the token: the test would prove nothing otherwise.
      expect(JSON.stringify(server.requests[0]?.headers)).toContain(token)
      for (const text of renderings(error, lines)) expect(text).not.toContain(token)
    } finally {
      await server.close()
    }
  })

  it('when a token holds CR/LF, at creation, without echoing it', () => {
    const bad = `${token}\r\nX-Injected: 1`
    const create = () => createClient(provider, { [credentialSetting(provider)]: bad })
    let error: unknown
    try {
      create()
    } catch (caught) {
      error = caught
    }
    expect((error as Error).name).toBe('InvalidArgumentError')
    for (const text of renderings(error, [])) expect(text).not.toContain(token)
  })

  it('through the facade, with the token in every header a caller may add', async () => {
    const server = await startFaultServer({ faults: [{ status: 403, body: { error: 'no' } }] })
    const { logger, lines } = recordingLogger()
    const headers = { 'X-Custom-Token': token, Cookie: `a=${token}` }
    const instance = createClient(provider, { baseUrl: server.url, logger, logLevel: 'debug', headers })
    try {
      const error = await updateCustomerGroup({
        provider: instance,
        id: sampleIdOf(provider),
        name: 'VIP',
      }).catch((caught: unknown) => caught)
      expect((error as Error).name).toBe('PermissionDeniedError')
      expect(lines.length).toBeGreaterThan(0)
      for (const text of renderings(error, lines)) expect(text).not.toContain(token)
    } finally {
      await server.close()
    }
  })
})
