import { resolveCredential } from '../settings/credentials.js'
import { shopFingerprint } from '../settings/shop-fingerprint.js'
import { type CallOptions, type ClientSettings, defaultInstanceSettings } from './client-settings.js'
import { createPipeline } from './pipeline.js'
import type { ProviderProtocol } from './protocol.js'
import type { OutgoingRequest, ResponseMetadata } from './request.js'
import { sendRequest } from './send.js'
import { type RawAnswer, type RawRequest, sendRawRequest } from './send-raw.js'

export interface Transport<Paths extends {} = object, Facts = Record<string, unknown>> {
  readonly providerId: string
  /** Sends one request of a wrapped operation through the whole pipeline. */
  send<Data>(
    request: OutgoingRequest,
    options: CallOptions | undefined,
  ): Promise<{ data: Data; response: ResponseMetadata<Facts> }>
  /**
   * Sends a request the spec does not check, as the typed openapi-fetch
   * client does (`@customer-groups/runtime/api`): the same pipeline, the
   * request's own headers given as `options.headers`. Answers a 2xx with its
   * body read and masked, an error status with its `APIError`; anything else
   * rejects, as `send` does.
   */
  sendRaw(request: RawRequest, options: CallOptions | undefined): Promise<RawAnswer>
  /**
   * Which shop the requests reach now (credential and base URL read as a
   * request would read them), as a digest safe to store: see `shopFingerprint`.
   */
  shopFingerprint?(): Promise<string>
  /** Type only: the paths of the provider's spec, so an openapi-fetch client is typed for this provider. */
  readonly '~paths'?: Paths
}

/**
 * The one pipeline every request of a provider goes through, the wrapped
 * operations and the openapi-fetch client alike: settings and credentials,
 * base URL, headers, concurrency limit, per-attempt timeout, redirects
 * refused, bodies read under a size cap, typed errors, retries with backoff
 * that honour `Retry-After`, redaction, logging and hooks. The settings are
 * checked here, once (see `createPipeline`); each call then runs on a context
 * of its own.
 */
export function createTransport<Paths extends {}, Facts = Record<string, unknown>>(
  protocol: ProviderProtocol<Facts>,
  settings: ClientSettings,
  random: () => number = Math.random,
): Transport<Paths, Facts> {
  // A package's default instance is created at import, with nothing to check: its pipeline is
  // resolved at its first call, so importing the package costs no more than loading it.
  let resolved = settings === defaultInstanceSettings ? undefined : createPipeline(protocol, settings, random)
  const ready = () => {
    resolved ??= createPipeline(protocol, settings, random)
    return resolved
  }
  return {
    providerId: protocol.entry.id,
    send: (request, options) => sendRequest(ready(), request, options),
    sendRaw: (request, options) => sendRawRequest(ready() as never, request, options),
    shopFingerprint: async () => {
      const pipeline = ready()
      const credential = resolveCredential(
        pipeline.credentials,
        settings as Record<string, unknown>,
        pipeline.context,
      )
      return shopFingerprint({
        providerId: pipeline.provider,
        baseUrl: pipeline.baseUrl(),
        credential: credential.value,
      })
    },
  }
}
