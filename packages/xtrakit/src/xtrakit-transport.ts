import { type ClientSettings, createTransport, type Transport } from '@customer-groups/runtime'
import type { paths } from './generated/schema.js'
import { xtrakitProtocol } from './xtrakit-protocol.js'

export interface XtrakitSettings extends ClientSettings {
  /** Xtrakit API key; defaults to the XTRAKIT_API_KEY environment variable, read at each call. */
  apiKey?: string | undefined
}

/**
 * The pipeline alone, with Xtrakit's credentials, limits and error envelope: for an app
 * that imports single operations and ships nothing else, as in
 * `updateCustomerGroup.send(createXtrakitTransport(), { id, ...fields })`.
 */
export function createXtrakitTransport(
  settings: XtrakitSettings = {},
): Transport<paths, Record<string, never>> {
  return createTransport<paths, Record<string, never>>(xtrakitProtocol, settings)
}
