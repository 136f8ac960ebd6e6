import {
  type ProviderProtocol,
  type ProviderSettings,
  type Transport,
  transportFactory,
} from '@customer-groups/runtime'
import { acmeEntry } from './entry.js'
import { packageVersion } from './generated/package-version.js'
import type { paths } from './generated/schema.js'
import { specInfo } from './generated/spec-info.js'

/** Every client's settings, and `pass`: the account's pass, else ACME_PASS, read at each call. */
export type AcmeSettings = ProviderSettings<typeof acmeEntry>

/** What the shared pipeline needs to know about Acme. */
export const acmeProtocol: ProviderProtocol<Record<string, never>> = {
  entry: acmeEntry,
  spec: specInfo,
  version: packageVersion,
}

/** The pipeline alone, for one operation imported by itself. */
export const createAcmeTransport: (settings?: AcmeSettings) => Transport<paths, Record<string, never>> =
  /* @__PURE__ */ transportFactory(acmeProtocol)
