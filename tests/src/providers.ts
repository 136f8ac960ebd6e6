import { type ProviderEntry, type ProviderId, providers } from '@customer-groups/registry'
import type {
  ClientSettings,
  CustomerGroupProvider,
  Logger,
  Operation,
  Transport,
} from '@customer-groups/runtime'
import { operationSamples, shippedSpec } from './spec-samples.js'

// Every suite here runs against every provider of the registry: none is listed by hand.

export type ProviderName = ProviderId
export const providerNames: ProviderName[] = providers.map((entry) => entry.id)

/** Recognisable secrets, one per provider: a test fails if one shows up where it must not. */
export const secrets = Object.fromEntries(
  providers.map((entry, index) => [
    entry.id,
    `${entry.id}_SECRET_TOKEN_${String(451 + index).padStart(4, '0')}`,
  ]),
) as Record<ProviderName, string>

/** A provider client as the tests use it: the facade's interface and the pipeline. */
export type TestClient = CustomerGroupProvider & { transport: Transport<object>; api: unknown }

type Factory = (settings: ClientSettings & Record<string, unknown>) => TestClient
// biome-ignore lint/suspicious/noExplicitAny: operations of any parameters, called with the spec's own samples
type AnyOperation = Operation<any, any>

/** Each provider package, loaded by the name the registry gives. */
const modules = Object.fromEntries(
  await Promise.all(providers.map(async (entry) => [entry.id, await import(entry.packageName)] as const)),
) as Record<ProviderName, Record<string, unknown>>

export function entryOf(provider: ProviderName): ProviderEntry {
  return providers.find((entry) => entry.id === provider) as ProviderEntry
}

/** The provider's factory, with its first credential set to the test secret unless the settings give one. */
export function createClient(
  provider: ProviderName,
  settings: ClientSettings & Record<string, unknown> = {},
): TestClient {
  const factory = modules[provider]?.[entryOf(provider).factory] as Factory
  return factory({ logLevel: 'off', [credentialSetting(provider)]: secrets[provider], ...settings })
}

/** An operation exported by the provider's package under its operationId. */
export function operationOf(provider: ProviderName, operationId: string): AnyOperation | undefined {
  return modules[provider]?.[operationId] as AnyOperation | undefined
}

export const specOf = (provider: ProviderName) => shippedSpec(entryOf(provider))

/** The spec's own sample of an update: valid parameters and the documented success body. */
function updateSample(provider: ProviderName) {
  const samples = operationSamples(specOf(provider)).find(
    (sample) => sample.info.operationId === 'updateCustomerGroup',
  )
  const operation = operationOf(provider, 'updateCustomerGroup') as AnyOperation
  const ok = samples?.responses.find((response) => response.status === 200)
  return { operation, params: samples?.params(operation.bodyEnvelope) ?? {}, body: ok?.examples[0]?.value }
}
const updates = Object.fromEntries(
  providerNames.map((provider) => [provider, updateSample(provider)]),
) as Record<ProviderName, ReturnType<typeof updateSample>>

/** The parameters of the spec's update sample, as the provider's own operation takes them. */
export function updateParams(provider: ProviderName): Record<string, unknown> {
  return { ...updates[provider].params }
}

/** The setting of the provider's first credential, e.g. `apiKey`. */
export function credentialSetting(provider: ProviderName): string {
  return entryOf(provider).credentials[0]?.setting as string
}

/** The id of the spec's update sample, as the facade takes ids: a string. */
export const sampleId = Object.fromEntries(
  providerNames.map((provider) => [provider, String(updates[provider].params.id)]),
) as Record<ProviderName, string>

/** A success body each provider's spec documents for its update. */
export const successBody = Object.fromEntries(
  providerNames.map((provider) => [provider, updates[provider].body]),
) as Record<ProviderName, unknown>

export interface LogLine {
  level: 'debug' | 'info' | 'warn' | 'error'
  message: string
  details: Record<string, unknown> | undefined
}

export function recordingLogger(): { logger: Logger; lines: LogLine[] } {
  const lines: LogLine[] = []
  const at = (level: LogLine['level']) => (message: string, details?: Record<string, unknown>) =>
    lines.push({ level, message, details })
  return { lines, logger: { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') } }
}

/** One valid update through each provider's own operation, so every scenario runs against every provider. */
export function updateOnce(
  provider: ProviderName,
  settings: ClientSettings & Record<string, unknown>,
): Promise<unknown> {
  // A test that passes a logger wants every line; the others, none on the console.
  const client = createClient(provider, {
    logLevel: settings.logger === undefined ? 'off' : 'debug',
    ...settings,
  })
  const { operation, params } = updates[provider]
  return operation.send(client.transport, params)
}
