import {
  assertValidRequest,
  type CallOptions,
  type ClientSettings,
  createHttpClient,
  defineProvider,
  InvalidArgumentError,
  InvalidResponseError,
  loadOptionalSetting,
  type ProviderCall,
  type ProviderCapabilities,
  type ProviderClient,
  type ProviderUpdateRequest,
  parsePositiveIntegerId,
} from '@customer-groups/runtime'
import { requestSchema } from './generated/request-schema.js'
import type { paths } from './generated/schema.js'
import { specInfo } from './generated/spec-info.js'
import { inspectShoptetResponse } from './rate-limit.js'
import type { UpdateCustomerGroupInput, UpdateCustomerGroupResponse } from './types.js'

export interface ShoptetSettings extends ClientSettings {
  /** An add-on's access token; defaults to SHOPTET_ACCESS_TOKEN, read at each call. */
  accessToken?: string | undefined
  /** A shop's private API token, used when there is no access token; defaults to SHOPTET_PRIVATE_API_TOKEN. */
  privateApiToken?: string | undefined
}

export interface ShoptetCallOptions extends CallOptions {
  /** Language of the texts being changed (shops with the Foreign Languages module). */
  language?: string | undefined
}

/** `updateCustomerGroup(id, fields, { language })` patches a group: checked against the spec, then wrapped in `{ data }`. */
export type ShoptetProvider = ProviderClient<
  paths,
  UpdateCustomerGroupResponse,
  number,
  UpdateCustomerGroupInput,
  ShoptetCallOptions
>

/** Fields the facade maps itself; the spec's other request fields are Shoptet-only options. */
const normalizedFields = new Set(['name', 'description'])

/** Shoptet patches: only what is sent changes, and `description: null` clears it. */
export const shoptetCapabilities: ProviderCapabilities = {
  fields: ['name', 'description'],
  updateMode: 'patch',
  requiredFields: [],
  canClearDescription: true,
  providerOptions: [...specInfo.requestFields.filter((field) => !normalizedFields.has(field)), 'language'],
}

/** Shoptet allows 3 concurrent requests per token; more are queued here instead of answered with 429. */
const shoptetMaxConcurrency = 3

export function createShoptet(settings: ShoptetSettings = {}): ShoptetProvider {
  const context = 'createShoptet'
  const http = createHttpClient<paths>({
    spec: specInfo,
    settings,
    explicitSecrets: { accessToken: settings.accessToken, privateApiToken: settings.privateApiToken },
    authHeaders: () => shoptetAuthHeaders(settings, context),
    // 423: an identical write to the same URL is still running (up to 5 s); 503 is covered as a 5xx.
    extraRetryStatuses: [423],
    defaultMaxConcurrency: shoptetMaxConcurrency,
    inspectResponse: inspectShoptetResponse,
  })

  const operation = 'shoptet.updateCustomerGroup'
  type Call = ProviderCall<number, UpdateCustomerGroupInput, ShoptetCallOptions>
  const parts = ({ id, input, options }: Call) => {
    const { language, ...callOptions } = options
    return {
      path: { id },
      query: language === undefined ? undefined : { language },
      body: { data: input },
      callOptions,
    }
  }

  return defineProvider({
    providerId: 'shoptet',
    capabilities: shoptetCapabilities,
    http,
    validate(call: Call) {
      // The spec says integer >= 1; beyond 2^53 a number no longer names one id exactly.
      parsePositiveIntegerId(operation, 'id', call.id)
      const { path, query, body } = parts(call)
      assertValidRequest(requestSchema, { path, ...(query && { query }), body }, operation)
    },
    send(call: Call) {
      const { path, query, body, callOptions } = parts(call)
      return http.send<UpdateCustomerGroupResponse>('updateCustomerGroup', callOptions, (client, init) =>
        client.PATCH('/api/customers/groups/{id}', {
          params: { path, ...(query && { query }) },
          body,
          ...init,
        }),
      )
    },
    toCall({ id, name, description, options, ...callOptions }: ProviderUpdateRequest): Call {
      const { language, ...fields } = options
      const input: Record<string, unknown> = { ...fields }
      if (name !== undefined) input.name = name
      if (description !== undefined) input.description = description
      // The casts are safe: every call is validated against the spec before it is sent.
      const languageOption = language === undefined ? {} : { language: language as string }
      return {
        id: parsePositiveIntegerId(operation, 'id', id),
        input: input as UpdateCustomerGroupInput,
        options: { ...callOptions, ...languageOption },
      }
    },
    normalize(data: UpdateCustomerGroupResponse, { id }: Call, response) {
      const updated = data.data.customerGroups.find((group) => group.id === id)
      if (updated === undefined) {
        throw new InvalidResponseError(
          { provider: 'shoptet', status: response.status, headers: response.headers, body: data, errors: [] },
          `a group list that does not contain the updated group ${id}`,
        )
      }
      const { id: _id, name, description, ...shoptetOnly } = updated
      return {
        group: {
          id: String(updated.id),
          name,
          description,
          provider: 'shoptet',
          providerMetadata: { shoptet: shoptetOnly },
        },
        // Shoptet reports non-fatal problems beside a successful update; they must reach the caller.
        warnings: (data.errors ?? []).map((error) => ({
          type: 'provider-error' as const,
          field: error.instance,
          message: `${error.errorCode}: ${error.message}`,
        })),
      }
    },
  })
}

function shoptetAuthHeaders(settings: ShoptetSettings, context: string): Record<string, string> {
  const accessToken = loadOptionalSetting({
    value: settings.accessToken,
    environmentVariable: 'SHOPTET_ACCESS_TOKEN',
    settingName: 'accessToken',
    context,
  })
  if (accessToken !== undefined) return { 'Shoptet-Access-Token': accessToken }
  const privateApiToken = loadOptionalSetting({
    value: settings.privateApiToken,
    environmentVariable: 'SHOPTET_PRIVATE_API_TOKEN',
    settingName: 'privateApiToken',
    context,
  })
  if (privateApiToken !== undefined) return { 'Shoptet-Private-API-Token': privateApiToken }
  throw new InvalidArgumentError(context, [
    {
      field: 'accessToken',
      rule: 'required',
      message:
        'is missing: pass `accessToken` or `privateApiToken`, or set SHOPTET_ACCESS_TOKEN or SHOPTET_PRIVATE_API_TOKEN',
    },
  ])
}

/** Reads SHOPTET_* credentials and SHOPTET_BASE_URL when a request is made, not at import. */
export const shoptet: ShoptetProvider = createShoptet()
