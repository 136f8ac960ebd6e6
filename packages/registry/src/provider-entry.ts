/** One credential a provider accepts, and where it comes from when code does not pass it. */
export interface CredentialEntry {
  /** The setting's name in the provider's factory, e.g. `apiKey`. */
  readonly setting: string
  /** Read when the setting is not given, at the time of each request. */
  readonly environmentVariable: string
  /** The security scheme of the provider's spec that says which header carries it. */
  readonly securityScheme: string
}

/** Everything the rest of the project needs to know about a provider without importing its package. */
export interface ProviderEntry<Id extends string = string> {
  /** Key of `providerOptions`, `--provider` value and mock name. */
  readonly id: Id
  readonly displayName: string
  /** The npm package that implements it; it ships its spec as `<packageName>/openapi.yaml`. */
  readonly packageName: string
  /** Name of the package's export that creates a client from settings. */
  readonly factory: string
  /** The hand-written spec's file name in the repository's `specs/` folder. */
  readonly specFile: string
  /** Overrides the spec's server when the `baseUrl` setting is not given. */
  readonly baseUrlVariable: string
  /** In order of precedence: the first one given in code wins, else the first one set in the environment. */
  readonly credentials: readonly CredentialEntry[]
  /** Requests the provider allows in flight at once, where it publishes a limit; more are answered 429. */
  readonly limits: {
    /** With one credential. */
    readonly perCredential?: number
    /** From one source IP address, whatever the credentials. */
    readonly perSourceIp?: number
  }
}
