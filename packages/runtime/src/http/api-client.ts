import createClient, { type Client } from 'openapi-fetch'
import { apiBaseUrl, apiFetch } from './api-fetch.js'
import type { Transport } from './transport.js'

export type { Client as OpenApiClient } from 'openapi-fetch'

/** A provider's client, or its transport alone: what the openapi-fetch client sends through. */
export type ApiSource<Paths extends {}> =
  // biome-ignore lint/suspicious/noExplicitAny: any provider's facts; the paths are what types the client
  Transport<Paths, any> | { readonly transport: Transport<Paths, any> }

/**
 * The typed openapi-fetch client of a provider, sending through its
 * transport: the same credentials, retries, timeouts, limits, redirect
 * refusal, size cap, redaction and hooks as the wrapped operations. The base
 * URL is read at each call. Error statuses answer `{ error }`, as
 * openapi-fetch does. It lives behind its own entry point, so an app that
 * does not use it does not ship openapi-fetch.
 */
export function createApiClient<Paths extends {}>(source: ApiSource<Paths>): Client<Paths> {
  const transport = 'transport' in source ? source.transport : source
  return createClient<Paths>({ baseUrl: apiBaseUrl, fetch: (request) => apiFetch(transport, request) })
}
