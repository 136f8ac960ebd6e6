import type { ProviderErrorDetail } from '../errors.js'

/** One credential a provider accepts, and where it comes from when code does not pass it. */
export interface CredentialEntry {
  /** The setting's name in the provider's factory, e.g. `apiKey`. */
  readonly setting: string
  /** Read when the setting is not given, at the time of each request. */
  readonly environmentVariable: string
  /** The security scheme of the provider's spec that says which header carries it. */
  readonly securityScheme: string
}

/** Requests the provider allows in flight at once, where it publishes a limit; more are answered 429. */
export interface ProviderLimits {
  /** With one credential; also the client's default `maxConcurrency`. */
  readonly perCredential?: number
  /** From one source IP address, whatever the credentials. */
  readonly perSourceIp?: number
}

/**
 * A provider describing itself: everything the pipeline, the registry, the
 * CLI, the mocks and the suites need to know about it without loading its
 * client. Each provider package exports its own from a dependency-free
 * `<package>/entry` subpath; the registry lists them.
 */
export interface ProviderEntry<Id extends string = string> {
  /** Key of `providerOptions`, `--provider` value and mock name. */
  readonly id: Id
  readonly displayName: string
  /** The npm package that implements it; it ships its spec as `<packageName>/openapi.yaml`, its test kit as `<packageName>/testing`. */
  readonly packageName: string
  /** Name of the package's export that creates a client from settings. */
  readonly factory: string
  /** Name of its export that creates the pipeline alone, for an app that imports single operations. */
  readonly transportFactory: string
  /** Overrides the spec's server when the `baseUrl` setting is not given. */
  readonly baseUrlVariable: string
  /** In order of precedence: the first one given in code wins, else the first one set in the environment. */
  readonly credentials: readonly CredentialEntry[]
  readonly limits: ProviderLimits
  /** Statuses worth retrying besides 408, 409, 429 and 5xx. */
  readonly retryStatuses?: readonly number[]
  /** Reads the problems out of an error body in the provider's envelope; anything else yields none. */
  parseError(body: unknown, status: number): ProviderErrorDetail[]
  /** The request id a body carries, where the provider puts one there. */
  requestIdOf?(body: unknown): string | undefined
}
