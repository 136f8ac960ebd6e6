import createClient, { type Client } from 'openapi-fetch'

export type { Client as OpenApiClient } from 'openapi-fetch'

import { apiBaseUrl } from './api-fetch.js'
import type { Transport } from './transport.js'

/**
 * The typed openapi-fetch client of a provider, sending through its
 * transport: the same credentials, retries, timeouts, limits, redirect
 * refusal, size cap and hooks as the wrapped operations. The base URL is read
 * at each call. Error statuses answer `{ error }`, as openapi-fetch does.
 */
export function createApiClient<Paths extends {}>(transport: Transport<Paths, unknown>): Client<Paths> {
  return createClient<Paths>({ baseUrl: apiBaseUrl, fetch: (request) => transport.fetch(request) })
}
