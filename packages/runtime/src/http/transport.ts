import { resolveCredential } from '../settings/credentials.js'
import { shopFingerprint } from '../settings/shop-fingerprint.js'
import { apiFetch } from './api-fetch.js'
import type { CallOptions, ClientSettings } from './client-settings.js'
import { createPipeline } from './pipeline.js'
import type { ProviderProtocol } from './protocol.js'
import type { OutgoingRequest, ResponseMetadata } from './request.js'
import { sendRequest } from './send.js'

export interface Transport<_Paths extends {} = object, Facts = Record<string, unknown>> {
  readonly providerId: string
  /**
   * A `fetch` for openapi-fetch (see `createApiClient`): the same pipeline, answering with a
   * `Response` whatever the status. It takes requests built on `apiBaseUrl` only.
   */
  fetch(request: Request): Promise<Response>
  /** Sends one request of a wrapped operation through the whole pipeline. */
  send<Data>(
    request: OutgoingRequest,
    options: CallOptions | undefined,
  ): Promise<{ data: Data; response: ResponseMetadata<Facts> }>
  /**
   * Which shop the requests reach now (credential and base URL read as a
   * request would read them), as a digest safe to store: see `shopFingerprint`.
   */
  shopFingerprint?(): Promise<string>
}

/**
 * The one pipeline every request of a provider goes through, the wrapped
 * operations and `client.api` alike: settings and credentials, base URL,
 * headers, concurrency limit, per-attempt timeout, redirects refused, bodies
 * read under a size cap, typed errors, retries with backoff that honour
 * `Retry-After`, redaction, logging and hooks. The settings are checked here,
 * once (see `createPipeline`); each call then runs on a context of its own.
 */
export function createTransport<Paths extends {}, Facts = Record<string, unknown>>(
  protocol: ProviderProtocol<Facts>,
  settings: ClientSettings,
  random: () => number = Math.random,
): Transport<Paths, Facts> {
  const pipeline = createPipeline(protocol, settings, random)
  return {
    providerId: protocol.entry.id,
    fetch: (request) => apiFetch(pipeline, request),
    send: (request, options) => sendRequest(pipeline, request, options),
    shopFingerprint: async () => {
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
