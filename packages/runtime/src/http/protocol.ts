import type { ProviderEntry } from '../provider/provider-entry.js'
import type { Logger } from './logger.js'

/** How a spec's security scheme carries a credential, as codegen reads it from the spec. */
export interface SecurityScheme {
  /** The header, e.g. `Authorization` or `X-Api-Key`. */
  readonly header: string
  /** Put before the credential, e.g. `Bearer ` for an HTTP bearer scheme; empty for a header key. */
  readonly prefix: string
}

/** What codegen reads from a spec that the whole package shares. */
export interface SpecInfo {
  readonly defaultBaseUrl: string
  /** Every security scheme of the spec, by name: which header carries which credential. */
  readonly securitySchemes: Readonly<Record<string, SecurityScheme>>
}

/** What a provider package tells the pipeline about itself. */
export interface ProviderProtocol<Facts = Record<string, unknown>> {
  /** Its own entry: id, factory name, environment variables, credentials, limits, error envelope. */
  entry: ProviderEntry
  /** From its generated spec info. */
  spec: SpecInfo
  /** The package's version, for `User-Agent`. */
  version: string
  /** Reads provider facts (rate limits, deprecations) from every response. */
  inspectResponse?(headers: Headers, logger: Logger): Facts | undefined
}
