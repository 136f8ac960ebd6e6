import {
  assertPathSegment,
  assertValidRequest,
  type CallOptions,
  type ClientSettings,
  createHttpClient,
  defineProvider,
  loadSetting,
  type ProviderCall,
  type ProviderCapabilities,
  type ProviderClient,
  type ProviderUpdateRequest,
} from '@customer-groups/runtime'
import { requestSchema } from './generated/request-schema.js'
import type { paths } from './generated/schema.js'
import { specInfo } from './generated/spec-info.js'
import type { UpdateCustomerGroupInput, UpdateCustomerGroupResponse } from './types.js'

export interface XtrakitSettings extends ClientSettings {
  /** Xtrakit API key; defaults to the XTRAKIT_API_KEY environment variable, read at each call. */
  apiKey?: string | undefined
}

/** `updateCustomerGroup(id, { group_name, group_description? }, options)` edits a group, checked against the spec first. */
export type XtrakitProvider = ProviderClient<
  paths,
  UpdateCustomerGroupResponse,
  string,
  UpdateCustomerGroupInput,
  CallOptions
>

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
    spec: specInfo,
    settings,
    explicitSecrets: { apiKey: settings.apiKey },
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

  const operation = 'xtrakit.updateCustomerGroup'
  type Call = ProviderCall<string, UpdateCustomerGroupInput, CallOptions>

  return defineProvider({
    providerId: 'xtrakit',
    capabilities: xtrakitCapabilities,
    http,
    validate({ id, input }: Call) {
      assertValidRequest(requestSchema, { path: { id }, body: input }, operation)
      assertPathSegment(operation, 'id', id)
    },
    send({ id, input, options }: Call) {
      return http.send<UpdateCustomerGroupResponse>('updateCustomerGroup', options, (client, init) =>
        client.PUT('/customer-groups/{id}', { params: { path: { id } }, body: input, ...init }),
      )
    },
    toCall({ id, name, description, options: _options, ...options }: ProviderUpdateRequest): Call {
      const input: Record<string, unknown> = {}
      if (name !== undefined) input.group_name = name
      if (description !== undefined) input.group_description = description
      // The cast is safe: every call is validated against the spec before it is sent.
      return { id, input: input as UpdateCustomerGroupInput, options }
    },
    normalize(data: UpdateCustomerGroupResponse) {
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
      }
    },
  })
}

/** Reads XTRAKIT_API_KEY and XTRAKIT_BASE_URL when a request is made, not at import. */
export const xtrakit: XtrakitProvider = createXtrakit()
