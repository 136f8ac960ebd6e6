export type { Client as OpenApiClient } from 'openapi-fetch'
export { createAPIError } from './errors/create-api-error.js'
export * from './errors/index.js'
export { findRequestId, normalizeErrorBody } from './errors/normalize-error-body.js'
export {
  type CallOptions,
  type ClientSettings,
  createHttpClient,
  type Fetch,
  type HttpClient,
  type HttpClientConfig,
  type ResponseMetadata,
} from './http/create-http-client.js'
export type { Logger } from './http/logger.js'
export { mergeHeaders } from './http/merge-headers.js'
export { type AttemptInit, createOperationClient } from './http/operation-client.js'
export { defaultMaxRetries, defaultTimeoutMs, parseRetryAfter, retryDelayMs } from './http/retry-policy.js'
export type {
  CustomerGroupProvider,
  NormalizedCustomerGroup,
  NormalizedField,
  ProviderCapabilities,
  ProviderUpdateRequest,
  ProviderUpdateResult,
  UpdateWarning,
} from './provider/customer-group-provider.js'
export {
  defineProvider,
  type ProviderCall,
  type ProviderClient,
  type ProviderParts,
} from './provider/define-provider.js'
export { resolveBaseUrl } from './settings/base-url.js'
export { assertHeaderSafe, assertHeadersSafe } from './settings/header-value.js'
export {
  loadOptionalSetting,
  loadSetting,
  readEnvironment,
  type SettingSource,
} from './settings/load-setting.js'
export { isSecretHeader, redacted, redactHeaders } from './settings/secrets.js'
export { assertValidRequest, type RequestParts } from './validation/assert-valid-request.js'
export { type JsonSchema, schemaIssues } from './validation/json-schema.js'
export { assertPathSegment, parsePositiveIntegerId } from './validation/path-segment.js'
