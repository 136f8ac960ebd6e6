import { loadProvider, loadTestKit, type ProviderEntry, providerEntries } from '@customer-groups/registry'
import type {
  ClientSettings,
  DescribedProvider,
  Logger,
  Operation,
  ProviderTestKit,
  SpecInfo,
  Transport,
} from '@customer-groups/runtime'
import { createApiClient } from '@customer-groups/runtime/api'
import { operationSamples, shippedSpec } from './spec-samples.js'

// Every suite here runs against every provider of the registry: none is listed by hand.

const providers = providerEntries()
/** A registered provider's id. */
export type ProviderName = string
export const providerNames: ProviderName[] = providers.map((entry) => entry.id)

/** A recognisable secret, one per provider: a test fails if one shows up where it must not. */
export function secretOf(provider: ProviderName): string {
  const index = providerNames.indexOf(provider)
  if (index === -1) throw new Error(`${provider} is not registered`)
  return `${provider}_SECRET_TOKEN_${String(451 + index).padStart(4, '0')}`
}

/** A provider client as the tests use it: what the facade takes, and the pipeline. */
export type TestClient = DescribedProvider & { transport: Transport<object> }

/** The openapi-fetch client over a test client's pipeline (`<package>/api` for users), for any provider's paths. */
export function apiOf(client: TestClient): unknown {
  return createApiClient(client)
}

type Factory = (settings: ClientSettings & Record<string, unknown>) => TestClient
// biome-ignore lint/suspicious/noExplicitAny: operations of any parameters, called with the spec's own samples
type AnyOperation = Operation<any, any>

/** Each provider package, loaded through the registry. */
const modules = Object.fromEntries(
  await Promise.all(providers.map(async (entry) => [entry.id, await loadProvider(entry.id)] as const)),
) as Record<ProviderName, Record<string, unknown>>

/** Each provider's test kit: its stateful model, the shapes of its answers and its error envelope. */
const kits = new Map(
  await Promise.all(providers.map(async (entry) => [entry.id, await loadTestKit(entry.id)] as const)),
)
export function kitOf(provider: ProviderName): ProviderTestKit {
  const kit = kits.get(provider)
  if (kit === undefined) throw new Error(`${provider} is not registered`)
  return kit
}

export function entryOf(provider: ProviderName): ProviderEntry {
  return providers.find((entry) => entry.id === provider) as ProviderEntry
}

/** The provider's factory, with its first credential set to the test secret unless the settings give one. */
export function createClient(
  provider: ProviderName,
  settings: ClientSettings & Record<string, unknown> = {},
): TestClient {
  const factory = modules[provider]?.[entryOf(provider).factory] as Factory
  return factory({ logLevel: 'off', [credentialSetting(provider)]: secretOf(provider), ...settings })
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
const updates = new Map(providerNames.map((provider) => [provider, updateSample(provider)]))
function updateOf(provider: ProviderName): ReturnType<typeof updateSample> {
  const update = updates.get(provider)
  if (update === undefined) throw new Error(`${provider} is not registered`)
  return update
}

/** The parameters of the spec's update sample, as the provider's own operation takes them. */
export function updateParams(provider: ProviderName): Record<string, unknown> {
  return { ...updateOf(provider).params }
}

/** The header that carries the provider's first credential, as its spec's security scheme names it (lower-cased). */
export function credentialHeaderOf(provider: ProviderName): string {
  const { specInfo } = modules[provider] as { specInfo: SpecInfo }
  const scheme = entryOf(provider).credentials[0]?.securityScheme as string
  const header = specInfo.securitySchemes[scheme]?.header
  if (header === undefined) throw new Error(`${provider}: its spec has no security scheme ${scheme}`)
  return header.toLowerCase()
}

/** The setting of the provider's first credential, e.g. `apiKey`. */
export function credentialSetting(provider: ProviderName): string {
  return entryOf(provider).credentials[0]?.setting as string
}

/** The id of the spec's update sample, as the facade takes ids: a string. */
export function sampleIdOf(provider: ProviderName): string {
  return String(updateOf(provider).params.id)
}

/** A success body the provider's spec documents for its update. */
export function successBodyOf(provider: ProviderName): unknown {
  return updateOf(provider).body
}

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
  const { operation, params } = updateOf(provider)
  return operation.send(client.transport, params)
}
