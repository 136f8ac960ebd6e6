// A minimal provider for the runtime's own tests: one PUT operation on a fake API.
import type { ProviderErrorDetail } from './errors.js'
import type { ClientSettings } from './http/client-settings.js'
import type { ProviderProtocol } from './http/protocol.js'
import { createTransport } from './http/transport.js'
import { defineOperation } from './operation/define-operation.js'
import type { OperationFacts } from './operation/operation-facts.js'
import { compileSchema } from './validation/compile-schema.js'

export const testToken = 'tok_SECRET_1234567890'

export const testProtocol: ProviderProtocol = {
  entry: {
    id: 'test',
    displayName: 'Test',
    packageName: '@example/test',
    factory: 'createTest',
    transportFactory: 'createTestTransport',
    baseUrlVariable: 'CG_TEST_BASE_URL',
    credentials: [{ setting: 'apiKey', environmentVariable: 'CG_TEST_KEY', securityScheme: 'bearer' }],
    limits: {},
    parseError(body: unknown, status: number): ProviderErrorDetail[] {
      const error = (body as { error?: unknown } | undefined)?.error
      return typeof error === 'string' ? [{ code: String(status), message: error }] : []
    },
  },
  spec: {
    defaultBaseUrl: 'https://api.example.com',
    securitySchemes: { bearer: { header: 'Authorization', prefix: 'Bearer ' } },
  },
  version: '1.2.3',
}

export const putThingFacts: OperationFacts<{ ok: boolean }> = {
  operationId: 'putThing',
  method: 'PUT',
  path: '/things/{id}',
  parameters: { path: ['id'], query: ['lang'] },
  // Checks built from the keywords at run time, as codegen would write them.
  request: compileSchema({
    type: 'object',
    required: ['path', 'body'],
    additionalProperties: false,
    properties: {
      path: { type: 'object', required: ['id'], properties: { id: { type: 'string', minLength: 1 } } },
      query: { type: 'object', properties: { lang: { type: 'string', pattern: '^[a-z]{2}$' } } },
      body: {
        type: 'object',
        required: ['name'],
        additionalProperties: false,
        properties: { name: { type: 'string', minLength: 1 } },
      },
    },
  }),
  responses: {
    200: compileSchema(
      { type: 'object', required: ['ok'], properties: { ok: { type: 'boolean' } } },
      { parsedJson: true },
    ),
  },
}

export const putThing = defineOperation<{ id: string; name: string; lang?: string }, { ok: boolean }>({
  facts: putThingFacts,
})

export function testTransport(
  settings: ClientSettings & { apiKey?: string | undefined } = {},
  random = () => 0,
) {
  return createTransport<object>(
    testProtocol,
    { apiKey: testToken, baseUrl: 'http://127.0.0.1:9', logLevel: 'off', ...settings },
    random,
  )
}

export const postThing = defineOperation<{ name: string }, { ok: boolean }>({
  facts: {
    operationId: 'postThing',
    method: 'POST',
    path: '/things',
    parameters: { path: [], query: [] },
    request: compileSchema({
      type: 'object',
      required: ['body'],
      additionalProperties: false,
      properties: {
        body: {
          type: 'object',
          required: ['name'],
          additionalProperties: false,
          properties: { name: { type: 'string', minLength: 1 } },
        },
      },
    }),
    responses: {
      201: compileSchema(
        { type: 'object', required: ['ok'], properties: { ok: { type: 'boolean' } } },
        { parsedJson: true },
      ),
    },
  },
})
