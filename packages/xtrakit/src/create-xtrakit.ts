import {
  assertPathSegment,
  assertValidRequest,
  type CallOptions,
  type ClientSettings,
  type CustomerGroupProvider,
  createHttpClient,
  loadSetting,
  type OpenApiClient,
  type ProviderCapabilities,
  type ProviderUpdateRequest,
} from '@customer-groups/runtime'
import type { paths } from './generated/schema.js'
import { specInfo } from './generated/spec-info.js'
import { validateRequest } from './generated/validate-request.js'
import type { UpdateCustomerGroupInput, UpdateCustomerGroupResponse } from './types.js'

export interface XtrakitSettings extends ClientSettings {
  /** Xtrakit API key; defaults to the XTRAKIT_API_KEY environment variable, read at each call. */
  apiKey?: string
}

export interface XtrakitProvider extends CustomerGroupProvider<UpdateCustomerGroupResponse> {
  readonly providerId: 'xtrakit'
  /** The typed openapi-fetch client, authenticated, for anything else the spec holds. */
  readonly api: OpenApiClient<paths>
  /** Edits a group; the input is checked against the spec before anything is sent. */
  updateCustomerGroup(
    id: string,
    input: UpdateCustomerGroupInput,
    options?: CallOptions,
  ): Promise<UpdateCustomerGroupResponse>
}

/** Xtrakit replaces the group on every edit, so the name is always required; it has no provider options. */
export const xtrakitCapabilities: ProviderCapabilities = {
  fields: ['name', 'description'],
  updateMode: 'replace',
  requiredFields: ['name'],
  canClearDescription: false,
  providerOptions: [],
}

export function createXtrakit(settings: XtrakitSettings = {}): XtrakitProvider {
  const context = 'createXtrakit'
  const http = createHttpClient<paths>({
    provider: 'xtrakit',
    context,
    settings,
    baseUrl: { environmentVariable: 'XTRAKIT_BASE_URL', defaultUrl: specInfo.defaultBaseUrl },
    authHeaders: () => {
      const apiKey = loadSetting({
        value: settings.apiKey,
        environmentVariable: 'XTRAKIT_API_KEY',
        settingName: 'apiKey',
        context,
      })
      return { Authorization: `Bearer ${apiKey}` }
    },
  })

  function send(id: string, input: UpdateCustomerGroupInput, options: CallOptions = {}) {
    const operation = 'xtrakit.updateCustomerGroup'
    assertValidRequest(validateRequest, { path: { id }, body: input }, operation)
    assertPathSegment(operation, 'id', id)
    return http.send<UpdateCustomerGroupResponse>('updateCustomerGroup', options, (client, init) =>
      client.PUT('/customer-groups/{id}', { params: { path: { id } }, body: input, ...init }),
    )
  }

  return {
    providerId: 'xtrakit',
    capabilities: xtrakitCapabilities,
    get api() {
      return http.api
    },
    async updateCustomerGroup(id, input, options) {
      return (await send(id, input, options)).data
    },
    async doUpdateCustomerGroup({
      id,
      name,
      description,
      options: _options,
      ...call
    }: ProviderUpdateRequest) {
      const input: Record<string, unknown> = {}
      if (name !== undefined) input.group_name = name
      if (description !== undefined) input.group_description = description
      // The cast is safe: `send` checks the input against the spec before it goes out.
      const { data, response } = await send(id, input as UpdateCustomerGroupInput, call)
      const { group } = data.data
      return {
        group: {
          id: String(group.id),
          name: group.group_name,
          description: group.group_description ?? null,
          ...(group.created_at !== undefined && { createdAt: group.created_at }),
          ...(group.updated_at !== undefined && { updatedAt: group.updated_at }),
          provider: 'xtrakit',
        },
        warnings: [],
        raw: data,
        response,
      }
    },
  }
}

/** Reads XTRAKIT_API_KEY and XTRAKIT_BASE_URL when a request is made, not at import. */
export const xtrakit: XtrakitProvider = createXtrakit()
