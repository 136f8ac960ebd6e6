export { type GeneratedFiles, generateProvider, operationId } from './generate.js'
export { deref, resolveRef, toJsonSchema } from './json-schema.js'
export {
  loadSpec,
  type OpenApiDocument,
  type ProviderName,
  packageDir,
  providers,
  repoRoot,
  specPath,
} from './load-spec.js'
export { findOperation, type OperationInfo } from './operation.js'
export { checkProvider, writeProvider } from './write.js'
