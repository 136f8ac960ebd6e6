// `@customer-groups/runtime/api`: the typed openapi-fetch client over a provider's pipeline. An entry
// point of its own, so openapi-fetch ships only with the apps that use it.
export { type ApiSource, createApiClient, type OpenApiClient } from './http/api-client.js'
export { apiBaseUrl } from './http/api-fetch.js'
