import {
  type ProviderProtocol,
  type ProviderSettings,
  type Transport,
  transportFactory,
} from '@customer-groups/runtime'
import { xtrakitEntry } from './entry.js'
import { packageVersion } from './generated/package-version.js'
import type { paths } from './generated/schema.js'
import { specInfo } from './generated/spec-info.js'

/** Every client's settings, and `apiKey`: Xtrakit's API key, else XTRAKIT_API_KEY, read at each call. */
export type XtrakitSettings = ProviderSettings<typeof xtrakitEntry>

/** What the shared pipeline needs to know about Xtrakit. */
export const xtrakitProtocol: ProviderProtocol<Record<string, never>> = {
  entry: xtrakitEntry,
  spec: specInfo,
  version: packageVersion,
}

/**
 * The pipeline alone, with Xtrakit's credentials, limits and error envelope: for an app
 * that imports single operations and ships nothing else, as in
 * `updateCustomerGroup.send(createXtrakitTransport(), { id, ...fields })`.
 */
export const createXtrakitTransport: (settings?: XtrakitSettings) => Transport<paths, Record<string, never>> =
  /* @__PURE__ */ transportFactory(xtrakitProtocol)
