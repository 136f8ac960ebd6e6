export { type GeneratedFiles, generateProvider } from './generate.js'
export { deref, resolveRef, toJsonSchema } from './json-schema.js'
export { loadSpec, type OpenApiDocument, repoRoot } from './load-spec.js'
export { findOperation, listOperations, type OperationInfo } from './operation.js'
export {
  generatedPackages,
  readPackage,
  specField,
  type WorkspacePackage,
  workspacePackages,
} from './workspace.js'
export { checkProvider, writeProvider } from './write.js'
