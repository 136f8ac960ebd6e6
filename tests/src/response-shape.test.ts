import { listCustomerGroups, updateCustomerGroup } from '@customer-groups/client'
import { InvalidResponseError } from '@customer-groups/runtime'
import { type FaultServer, startFaultServer } from '@customer-groups/testing'
import { afterEach, describe, expect, it } from 'vitest'
import { createClient, operationOf, providerNames, sampleIdOf, specOf, successBodyOf } from './providers.js'
import { cliEnv, runCli } from './run-cli.js'
import { operationSamples } from './spec-samples.js'

// A success status with a body of the wrong shape must be an InvalidResponseError that keeps the
// status and the (redacted) body, never a TypeError from deep inside the facade or the CLI.

const servers: FaultServer[] = []
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()))
})

async function answering(body: unknown) {
  const server = await startFaultServer({
    faults: [],
    afterwards: { status: 200, body: JSON.stringify(body), headers: { 'content-type': 'application/json' } },
  })
  servers.push(server)
  return server
}

/** Shapes a careless server sends instead of the documented one: other types, empty envelopes, objects for lists. */
function distortions(example: unknown): unknown[] {
  const swapArrays = JSON.parse(JSON.stringify(example), (_key, value) =>
    Array.isArray(value) ? Object.fromEntries(value.map((item, index) => [index, item])) : value,
  )
  const bodies: unknown[] = [null, 'ok', 42, [], {}, { data: {} }, { data: null }, swapArrays]
  // Where the spec gives `errors` a shape (Shoptet's non-fatal problems), text is not that shape.
  if (typeof example === 'object' && example !== null && 'errors' in example) {
    bodies.push({ ...example, errors: 'oops' })
  }
  return bodies
}

const cases = providerNames.flatMap((provider) =>
  operationSamples(specOf(provider)).flatMap((sample) => {
    const ok = sample.responses.find((response) => response.status >= 200 && response.status < 300)
    const example = ok?.examples[0]?.value
    if (ok === undefined || example === undefined) return []
    return distortions(example)
      .filter((body) => JSON.stringify(body) !== JSON.stringify(example))
      .map((body) => ({ provider, sample, status: ok.status, body }))
  }),
)

describe('success bodies of the wrong shape', () => {
  it.each(
    cases.map(
      (entry) =>
        [
          entry.provider,
          entry.sample.info.operationId,
          JSON.stringify(entry.body).slice(0, 40),
          entry,
        ] as const,
    ),
  )(
    '%s %s answering %s is an InvalidResponseError',
    async (provider, operationId, _, { sample, body, status }) => {
      const server = await answering(body)
      const client = createClient(provider, { baseUrl: server.url, maxRetries: 0 })
      const operation = operationOf(provider, operationId)
      const error = await operation
        ?.send(client.transport, sample.params(operation.bodyEnvelope))
        .catch((caught: unknown) => caught)
      // The operation's status is 200 or 201; the server answers 200, so a 201-only operation also fails, as it should.
      expect(InvalidResponseError.isInstance(error), String(error)).toBe(true)
      expect((error as InvalidResponseError).status).toBe(200)
      expect(status).toBeGreaterThanOrEqual(200)
    },
  )

  it.each(providerNames)(
    '%s: the facade and the CLI fail with the same typed error, not a TypeError',
    async (provider) => {
      const unchanged = JSON.stringify(successBodyOf(provider))
      for (const body of distortions(successBodyOf(provider)).filter(
        (item) => JSON.stringify(item) !== unchanged,
      )) {
        const server = await answering(body)
        const client = createClient(provider, { baseUrl: server.url, maxRetries: 0 })
        const update = await updateCustomerGroup({
          provider: client,
          id: sampleIdOf(provider),
          name: 'VIP',
        }).catch((caught: unknown) => caught)
        expect(InvalidResponseError.isInstance(update), `${JSON.stringify(body)}: ${String(update)}`).toBe(
          true,
        )
        const list = await listCustomerGroups({ provider: client }).catch((caught: unknown) => caught)
        expect(InvalidResponseError.isInstance(list), `${JSON.stringify(body)}: ${String(list)}`).toBe(true)
      }
      const server = await answering({ data: {} })
      const cli = await runCli(
        ['update', '--provider', provider, '--id', sampleIdOf(provider), '--name', 'VIP', '--json'],
        cliEnv(provider, server.url),
      )
      expect(cli.code).toBe(1)
      expect(JSON.parse(cli.stdout).error).toMatchObject({ name: 'InvalidResponseError', status: 200 })
      expect(cli.stderr).not.toMatch(/TypeError|unexpected error/)
    },
  )
})
