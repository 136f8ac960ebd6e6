import { clientFactory, defaultInstanceSettings, type ProviderClient } from '@customer-groups/runtime'
import type { paths } from './generated/schema.js'
import { normalizeXtrakitGroup } from './normalize-group.js'
import { xtrakitFacade, xtrakitOperations } from './xtrakit-operations.js'
import { type XtrakitSettings, xtrakitProtocol } from './xtrakit-transport.js'
import type { XtrakitTypes } from './xtrakit-types.js'

/**
 * An Xtrakit client: one method per operation of its spec, in Xtrakit's terms
 * (`listCustomerGroups({ business_code })`, `updateCustomerGroup({ id, group_name })`).
 * Passed to the facade, it offers every operation but delete, which Xtrakit's API does not document.
 */
export interface XtrakitClient extends ProviderClient<typeof xtrakitOperations, XtrakitTypes, paths> {}

/** A client with its own settings; the API key and base URL default to XTRAKIT_API_KEY and XTRAKIT_BASE_URL. */
export const createXtrakit: (settings?: XtrakitSettings) => XtrakitClient = /* @__PURE__ */ clientFactory(
  xtrakitProtocol,
  xtrakitOperations,
  xtrakitFacade,
  normalizeXtrakitGroup,
)

/** Reads XTRAKIT_API_KEY and XTRAKIT_BASE_URL when a request is made, not at import. */
export const xtrakit: XtrakitClient = /* @__PURE__ */ createXtrakit(defaultInstanceSettings)
