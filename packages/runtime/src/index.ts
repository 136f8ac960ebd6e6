export type { Client as OpenApiClient } from 'openapi-fetch'
export { createAPIError } from './errors/create-api-error.js'
export * from './errors/index.js'
export { onAbort, sleep } from './http/abort.js'
export { createApiClient } from './http/api-client.js'
export { callOptionsOf } from './http/call-options.js'
export { ConcurrencyLimit } from './http/concurrency-limit.js'
export type { AttemptInfo, ErrorInfo, Hooks, ResponseInfo, RetryInfo } from './http/hooks.js'
export {
  isLogLevel,
  type LevelledLogger,
  type Logger,
  type LogLevel,
  levelled,
  logLevels,
  logLevelVariable,
  resolveLogLevel,
} from './http/logger.js'
export {
  type BackoffSettings,
  defaultMaxRetries,
  defaultTimeoutMs,
  parseRetryAfter,
  retryDelayMs,
} from './http/retry-policy.js'
export {
  apiBaseUrl,
  type CallOptions,
  type ClientSettings,
  createTransport,
  defaultInstanceSettings,
  type Fetch,
  mergeHeaders,
  type OutgoingRequest,
  type ProviderProtocol,
  type ResponseMetadata,
  type RetrySettings,
  type SecurityScheme,
  type ShouldRetry,
  type Transport,
} from './http/transport.js'
export { runtimeName, userAgent } from './http/user-agent.js'
export { APIPromise } from './operation/api-promise.js'
export { defineOperation, type Operation, type OperationSpec } from './operation/define-operation.js'
export type { DataOf, OperationFacts } from './operation/operation-facts.js'
export { deriveCapabilities } from './provider/capabilities.js'
export type {
  CustomerGroupProvider,
  NormalizedCustomerGroup,
  NormalizedField,
  OperationCapabilities,
  OperationName,
  OptionCapabilities,
  ProviderCapabilities,
  ProviderCreateRequest,
  ProviderDeleteResult,
  ProviderGroupRequest,
  ProviderGroupResult,
  ProviderListResult,
  ProviderRequest,
  ProviderRequests,
  ProviderResultBase,
  ProviderTypes,
  ProviderUpdateRequest,
  ProviderWarning,
  ProviderWith,
} from './provider/customer-group-provider.js'
export {
  defineProvider,
  type ProviderDefinition,
  type ProviderOperations,
} from './provider/define-provider.js'
export { checkBaseUrl, shopAddress } from './settings/base-url.js'
export { browserIssues, isBrowser } from './settings/browser.js'
export { type CredentialSource, resolveCredential } from './settings/credentials.js'
export { credentialIssues, headersIssues, isValidHeaderValue } from './settings/header-value.js'
export { readEnvironment } from './settings/load-setting.js'
export {
  isSecretHeader,
  minimumRedactedLength,
  Redactor,
  redacted,
  secretsOfHeaders,
} from './settings/secrets.js'
export { shopFingerprint } from './settings/shop-fingerprint.js'
export { canonicalJson } from './validation/canonical-json.js'
export { type IssueCode, issueCodes } from './validation/issue-code.js'
export { isPlainObject, type JsonSchema, schemaIssues } from './validation/json-schema.js'
export { parsePositiveInteger, pathSegmentIssues } from './validation/path-segment.js'
export { type RequestParts, requestIssues } from './validation/request-issues.js'
