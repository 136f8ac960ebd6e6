export * from './errors.js'
export { onAbort, sleep } from './http/abort.js'
export { callOptionsOf } from './http/call-options.js'
export {
  type CallOptions,
  type ClientSettings,
  defaultInstanceSettings,
  type Fetch,
  type RetrySettings,
  type ShouldRetry,
} from './http/client-settings.js'
export { ConcurrencyLimit } from './http/concurrency-limit.js'
export { mergeHeaders } from './http/headers.js'
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
export type { ProviderProtocol, SecurityScheme, SpecInfo } from './http/protocol.js'
export type { OutgoingRequest, ResponseMetadata } from './http/request.js'
export {
  type BackoffSettings,
  defaultMaxRetries,
  defaultTimeoutMs,
  parseRetryAfter,
  retryDelayMs,
} from './http/retry-policy.js'
export type { RawAnswer, RawRequest } from './http/send-raw.js'
export { createTransport, type Transport } from './http/transport.js'
export { runtimeName, userAgent } from './http/user-agent.js'
export { APIPromise } from './operation/api-promise.js'
export { defineOperation, type Operation, type OperationSpec } from './operation/define-operation.js'
export type { DataOf, OperationFacts } from './operation/operation-facts.js'
export { asCustomerGroupProvider } from './provider/as-customer-group-provider.js'
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
export { defineProvider } from './provider/define-provider.js'
export type { DescribedProvider, ProviderInstance } from './provider/described-provider.js'
export {
  clientFactory,
  createProviderClient,
  type DerivedTypes,
  type OperationMethod,
  type OperationMethods,
  type OperationTable,
  type ProviderClient,
  type ProviderPackage,
  type ProviderSettings,
  transportFactory,
} from './provider/provider-client.js'
export type { CredentialEntry, ProviderEntry, ProviderLimits } from './provider/provider-entry.js'
export type {
  AnyOperation,
  NormalizedFields,
  NormalizedShape,
  ProviderDefinition,
  ProviderOperations,
} from './provider/provider-operations.js'
export { setDataField } from './provider/set-data-field.js'
export type {
  FixtureGroup,
  GroupView,
  ProviderTestKit,
  Shop,
  StatefulAnswer,
  StatefulModel,
  StatefulRequest,
  StoredGroup,
} from './provider/test-kit.js'
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
export {
  addIssue,
  anyOfIssues,
  codePointLength,
  fieldAt,
  isJsonObject,
  isOwnField,
  requiredIssues,
} from './validation/check-helpers.js'
export { compileSchema } from './validation/compile-schema.js'
export { type IssueCode, issueCodes } from './validation/issue-code.js'
export {
  type CheckedSchema,
  isPlainObject,
  type JsonSchema,
  type SchemaCheck,
  schemaIssues,
  type TypeName,
} from './validation/json-schema.js'
export { parsePositiveInteger, pathSegmentIssues } from './validation/path-segment.js'
export { type RequestParts, requestIssues } from './validation/request-issues.js'
