// `@customer-groups/xtrakit/api`: Xtrakit's typed openapi-fetch client, an entry point of its own so an app
// that uses only the wrapped operations does not ship openapi-fetch.
import { type ApiSource, createApiClient, type OpenApiClient } from '@customer-groups/runtime/api'
import type { paths } from './generated/schema.js'

export type { OpenApiClient } from '@customer-groups/runtime/api'
export type { paths } from './generated/schema.js'

/**
 * The typed openapi-fetch client for Xtrakit's spec, sending through the
 * pipeline of `client` (a `createXtrakit` client or a `createXtrakitTransport`
 * transport): its credentials, retries, timeouts, limits, redirect refusal,
 * size cap, redaction and hooks. Only the wrapped operations check requests
 * and answers against the spec.
 */
export const createXtrakitApi: (client: ApiSource<paths>) => OpenApiClient<paths> = createApiClient
