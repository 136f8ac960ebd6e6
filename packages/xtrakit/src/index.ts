export type { CallOptions, ResponseMetadata } from '@customer-groups/runtime'
export * from '@customer-groups/runtime/errors'
export {
  createXtrakit,
  type XtrakitProvider,
  type XtrakitSettings,
  xtrakit,
  xtrakitCapabilities,
} from './create-xtrakit.js'
export type { components, operations, paths } from './generated/schema.js'
export { specInfo } from './generated/spec-info.js'
export type * from './types.js'
