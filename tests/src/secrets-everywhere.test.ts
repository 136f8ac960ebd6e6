import { inspect } from 'node:util'
import { updateCustomerGroup } from '@customer-groups/client'
import type { APIError } from '@customer-groups/runtime'
import { type Fault, type FaultServer, startFaultServer } from '@customer-groups/testing'
import { afterEach, describe, expect, it } from 'vitest'
import {
  createClient,
  credentialHeaderOf,
  credentialSetting,
  kitOf,
  operationOf,
  type ProviderName,
  providerNames,
  recordingLogger,
  sampleIdOf,
  secretOf,
  successBodyOf,
  updateOnce,
  updateParams,
} from './providers.js'
import { cliEnv, runCli } from './run-cli.js'

// A hostile server echoes the credential everywhere it can: response header values, a request id,
// JSON keys, text that an error cuts. None of it may reach an error, a result, a log line or the CLI.

const servers: FaultServer[] = []
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()))
})

async function serve(fault: Fault) {
  const server = await startFaultServer({ faults: [], afterwards: fault })
  servers.push(server)
  return server
}

/** An error body in the provider's own envelope, from its kit (its spec's error example), saying `message`. */
const problem = (provider: ProviderName, message: string) => kitOf(provider).errorBody(message)

const everyView = (value: unknown) => [
  JSON.stringify(value),
  inspect(value, { depth: null, showHidden: true }),
]

describe.each(providerNames)('%s: secrets echoed by a server', (provider) => {
  const token = secretOf(provider)
  const echoHeaders = {
    'x-request-id': `req-${token}`,
    'x-debug': `key=${token}`,
    'idempotency-key': 'abc-123',
  }

  it('never reach the error message, error.headers or error.requestId, whatever header they come in', async () => {
    const server = await serve({ status: 422, body: problem(provider, 'no'), headers: echoHeaders })
    const error = (await updateOnce(provider, { baseUrl: server.url }).catch(
      (caught: unknown) => caught,
    )) as APIError
    expect(error.message).toContain('[request req-***]')
    expect(error.requestId).toBe('req-***')
    expect(error.headers['x-debug']).toBe('key=***')
    // Masked by value, not by a name that happens to contain "key".
    expect(error.headers['idempotency-key']).toBe('abc-123')
    for (const view of [error.message, error.stack ?? '', ...everyView(error)])
      expect(view).not.toContain(token)
  })

  it('never reach a successful result: response.requestId, response.headers, debug logs', async () => {
    // Without a request id of its own in the body, so the header's is the one read.
    const body = { ...(successBodyOf(provider) as object), metadata: undefined }
    const server = await serve({ status: 200, body, headers: echoHeaders })
    const { logger, lines } = recordingLogger()
    const client = createClient(provider, { baseUrl: server.url, logger, logLevel: 'debug' })
    const operation = operationOf(provider, 'updateCustomerGroup')
    const { response } = await updateCustomerGroup({
      provider: client,
      id: sampleIdOf(provider),
      name: 'VIP',
    })
    expect(response.requestId).toBe('req-***')
    expect(response.headers['x-debug']).toBe('key=***')
    expect(lines.some((line) => line.message.includes('[request req-***]'))).toBe(true)
    expect(operation).toBeDefined()
    for (const view of [...everyView(response), ...everyView(lines)]) expect(view).not.toContain(token)
  })

  it('are masked when a server uses them as JSON keys', async () => {
    const server = await serve({ status: 400, body: { [token]: 'x', nested: [{ [`a${token}b`]: token }] } })
    const error = (await updateOnce(provider, { baseUrl: server.url }).catch(
      (caught: unknown) => caught,
    )) as APIError
    expect(error.body).toEqual({ '***': 'x', nested: [{ 'a***b': '***' }] })
  })

  it('are masked before a long text body is cut, so no prefix survives the cut', async () => {
    // The secret starts 5 characters before the 2,000-character cut.
    const text = `${'x'.repeat(1995)}${token}${'y'.repeat(100)}`
    const server = await serve({ status: 502, body: text })
    const error = (await updateOnce(provider, { baseUrl: server.url, maxRetries: 0 }).catch(
      (caught: unknown) => caught,
    )) as APIError
    expect(String(error.body)).toContain('xxxxx***')
    expect(String(error.body)).not.toContain(token.slice(0, 5))
  })

  it('are masked when they are a secret header the caller added, such as X-Api-Key', async () => {
    const callerSecret = 'caller-SECRET-value-778'
    const server = await serve({ status: 403, body: problem(provider, `you sent ${callerSecret}`) })
    const { logger, lines } = recordingLogger()
    const error = await updateOnce(provider, {
      baseUrl: server.url,
      headers: { 'X-Api-Key': callerSecret },
      logger,
    }).catch((caught: unknown) => caught)
    expect(server.requests[0]?.headers['x-api-key']).toBe(callerSecret)
    expect((error as Error).message).toContain('you sent ***')
    for (const view of [...everyView(error), ...everyView(lines)]) expect(view).not.toContain(callerSecret)
  })

  it('the CLI prints none of them on stderr, in --json output or with --verbose', async () => {
    const server = await serve({ status: 422, body: problem(provider, `bad ${token}`), headers: echoHeaders })
    const result = await runCli(
      [
        'update',
        '--provider',
        provider,
        '--id',
        sampleIdOf(provider),
        '--name',
        'VIP',
        '--json',
        '--verbose',
      ],
      cliEnv(provider, server.url),
    )
    expect(result.code).toBe(1)
    expect(JSON.parse(result.stdout).error.requestId).toBe('req-***')
    expect(result.stdout + result.stderr).not.toContain(token)
  })
})

describe('secrets too short to mask safely', () => {
  it.each(providerNames)(
    '%s: a one-character token is not searched for in text, but is still masked in headers',
    async (provider) => {
      const server = await serve({ status: 400, body: problem(provider, 'keep the kind key') })
      const { logger, lines } = recordingLogger()
      const client = createClient(provider, {
        baseUrl: server.url,
        maxRetries: 0,
        logger,
        logLevel: 'debug',
        [credentialSetting(provider)]: 'k',
      })
      const error = await operationOf(provider, 'updateCustomerGroup')
        ?.send(client.transport, updateParams(provider))
        .catch((caught: unknown) => caught)
      // Masking every "k" would have made this "***eep the ***ind ***ey".
      expect((error as Error).message).toContain('keep the kind key')
      const sent = lines[0]?.details?.headers as Record<string, string>
      const credentialHeaders = Object.entries(sent).filter(([name]) => name === credentialHeaderOf(provider))
      expect(credentialHeaders.length).toBe(1)
      expect(credentialHeaders[0]?.[1]).toBe('***')
    },
  )
})
