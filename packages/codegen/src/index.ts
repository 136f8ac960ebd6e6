export { type GeneratedFiles, generateProvider } from './generate.js'
export { deref, resolveRef, toJsonSchema } from './json-schema.js'
export {
  loadSpec,
  type OpenApiDocument,
  type ProviderName,
  packageDir,
  providerEntry,
  providers,
  repoRoot,
  specPath,
} from './load-spec.js'
export { findOperation, listOperations, type OperationInfo } from './operation.js'
export { checkProvider, writeProvider } from './write.js'
