import { jsonResponse, recordingFetch } from '@customer-groups/testing'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { type ClientSettings, defaultInstanceSettings } from '../http/client-settings.js'
import type { ProviderProtocol } from '../http/protocol.js'
import { createTransport, type Transport } from '../http/transport.js'
import { putThing, testProtocol, testToken } from '../test-provider.fixture.js'
import { asCustomerGroupProvider } from './as-customer-group-provider.js'
import type { CustomerGroupProvider } from './customer-group-provider.js'
import type { DescribedProvider } from './described-provider.js'
import { clientFactory, type OperationMethods } from './provider-client.js'

type TestClient = DescribedProvider &
  OperationMethods<{ putThing: typeof putThing }, object> & {
    transport: Transport
  }

const createTest = clientFactory<TestClient, ClientSettings & { apiKey?: string }>(
  testProtocol,
  { putThing },
  {
    fields: { name: 'name' },
    operations: {
      update: {
        operation: putThing,
        group: (_data: unknown, params: Record<string, unknown>) => ({ id: params.id, name: params.name }),
      },
    },
  },
  (group) => {
    const { id, name } = group as { id: string; name: string }
    return { id, name, description: null, provider: 'test' }
  },
)

afterEach(() => {
  vi.unstubAllEnvs()
  vi.unstubAllGlobals()
})

describe('a provider client', () => {
  it("carries its own methods and pipeline, not the facade's interface, which is built from it once", async () => {
    const recorder = recordingFetch(() => jsonResponse(200, { ok: true }))
    const client = createTest({ apiKey: testToken, baseUrl: 'http://127.0.0.1:9', fetch: recorder.fetch })
    expect(Object.keys(client).sort()).toEqual(['providerId', 'putThing', 'transport'])
    expect('capabilities' in client || 'doUpdateCustomerGroup' in client).toBe(false)
    const facade = asCustomerGroupProvider(client)
    expect(asCustomerGroupProvider(client)).toBe(facade)
    expect(facade?.providerId).toBe('test')
    expect(facade?.capabilities.operations.update?.mode).toBe('replace')
    const { group } = (await facade?.doUpdateCustomerGroup?.({ id: '7', name: 'x', options: {} })) ?? {}
    expect(group).toEqual({ id: '7', name: 'x', description: null, provider: 'test' })
    // Through the client's own pipeline.
    expect(recorder.requests.map((request) => request.url.href)).toEqual(['http://127.0.0.1:9/things/7'])
  })

  it('is told apart from what is not a provider instance, a forged description among them', () => {
    for (const value of [
      undefined,
      null,
      'test',
      {},
      { '~provider': {} },
      { '~provider': { transport: {} } },
    ])
      expect(asCustomerGroupProvider(value)).toBeUndefined()
    const own = { providerId: 'own', capabilities: { fields: [], operations: {} } } as CustomerGroupProvider
    expect(asCustomerGroupProvider(own)).toBe(own)
  })

  it('as a default instance, resolves nothing when made: its pipeline is made at its first call', async () => {
    let reads = 0
    const counted: ProviderProtocol = {
      ...testProtocol,
      get spec() {
        reads++
        return testProtocol.spec
      },
    }
    const transport = createTransport<object>(counted, defaultInstanceSettings)
    expect(reads).toBe(0)
    const recorder = recordingFetch(() => jsonResponse(200, { ok: true }))
    vi.stubGlobal('fetch', recorder.fetch)
    vi.stubEnv('CG_TEST_KEY', 'key-from-the-environment')
    vi.stubEnv('CG_TEST_BASE_URL', 'http://127.0.0.1:9')
    await putThing.send(transport, { id: '1', name: 'x' })
    expect(reads).toBeGreaterThan(0)
    expect(recorder.requests[0]?.headers.get('authorization')).toBe('Bearer key-from-the-environment')
  })
})
