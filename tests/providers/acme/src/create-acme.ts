import { clientFactory, defaultInstanceSettings, type ProviderClient } from '@customer-groups/runtime'
import { acmeFacade, acmeOperations } from './acme-operations.js'
import { type AcmeSettings, acmeProtocol } from './acme-transport.js'
import type { AcmeTypes } from './acme-types.js'
import type { paths } from './generated/schema.js'
import { normalizeAcmeGroup } from './normalize-group.js'

/** An Acme client: its two operations in its own terms; the facade gets list, get and update from it. */
export interface AcmeClient extends ProviderClient<typeof acmeOperations, AcmeTypes, paths> {}

/** A client with its own settings; the pass and base URL default to ACME_PASS and ACME_BASE_URL. */
export const createAcme: (settings?: AcmeSettings) => AcmeClient = /* @__PURE__ */ clientFactory(
  acmeProtocol,
  acmeOperations,
  acmeFacade,
  normalizeAcmeGroup,
)

/** Reads ACME_PASS and ACME_BASE_URL when a request is made, not at import. */
export const acme: AcmeClient = /* @__PURE__ */ createAcme(defaultInstanceSettings)
