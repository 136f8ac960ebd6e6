import type {
  ArgumentIssue,
  CallOptions,
  CustomerGroupProvider,
  NormalizedField,
  OperationName,
  ProviderRequest,
  ProviderUpdateRequest,
  ProviderWarning,
} from '@customer-groups/runtime'
import {
  asCustomerGroupProvider,
  callOptionsOf,
  InvalidArgumentError,
  UnsupportedOperationError,
} from '@customer-groups/runtime'
import { replacesAndCanRead } from './complete-update.js'
import { notAProvider } from './provider-of.js'
import type { AnyProvider } from './types.js'

/** A normalized request of any operation: the fields each one takes, as given. */
export type NormalizedRequest = ProviderRequest &
  Partial<Pick<ProviderUpdateRequest, 'id' | 'name' | 'description'>>

/** The facade's fields of a call, before they are checked. */
export interface FacadeFields extends CallOptions {
  provider: AnyProvider
  id?: unknown
  name?: unknown
  description?: unknown
  providerOptions?: unknown
}

const methods: Record<OperationName, string> = {
  list: 'doListCustomerGroups',
  get: 'doGetCustomerGroup',
  create: 'doCreateCustomerGroup',
  update: 'doUpdateCustomerGroup',
  delete: 'doDeleteCustomerGroup',
}

export const operationNames: Record<OperationName, string> = {
  list: 'listCustomerGroups',
  get: 'getCustomerGroup',
  create: 'createCustomerGroup',
  update: 'updateCustomerGroup',
  delete: 'deleteCustomerGroup',
}

/** The provider's id, or a placeholder for something that is not a provider. */
export function describeProvider(provider: unknown): string {
  const id = (provider as { providerId?: unknown } | undefined)?.providerId
  return typeof id === 'string' ? id : 'unknown provider'
}

/** A facade call checked: its issues and warnings, the provider's request, and the provider's facade interface. */
interface Checked {
  issues: ArgumentIssue[]
  warnings: ProviderWarning[]
  request: NormalizedRequest
  /** Absent when the call's `provider` is not a provider instance. */
  provider?: CustomerGroupProvider
}

/**
 * Checks a facade call against what the provider says it can do, without
 * sending anything. What it cannot honour is an issue; what it can safely
 * skip (options for another provider, a field it does not store) a warning.
 * Returns the provider's normalized request when there are no issues.
 */
export function checkAgainstCapabilities(operation: OperationName, fields: FacadeFields): Checked {
  const issues: ArgumentIssue[] = []
  const warnings: ProviderWarning[] = []
  const provider = asCustomerGroupProvider(fields.provider)
  const request: NormalizedRequest = { options: {} }
  if (provider === undefined) {
    issues.push({ field: 'provider', code: 'type', message: notAProvider })
    return { issues, warnings, request }
  }
  const { providerId, capabilities } = provider
  const can = capabilities.operations?.[operation]
  if (
    can === undefined ||
    typeof (provider as unknown as Record<string, unknown>)[methods[operation]] !== 'function'
  ) {
    issues.push({
      field: 'provider',
      code: 'unsupported-operation',
      message: `${providerId} does not support ${operationNames[operation]}`,
    })
    return { issues, warnings, request, provider }
  }

  if (operation !== 'list' && operation !== 'create') {
    if (typeof fields.id !== 'string' || fields.id === '')
      issues.push({ field: 'id', code: 'type', message: 'must be a non-empty string' })
    else request.id = fields.id
  }
  if (operation === 'create' || operation === 'update') {
    const required = 'requiredFields' in can ? can.requiredFields : []
    checkField('name', fields.name, false)
    checkField(
      'description',
      fields.description,
      'canClearDescription' in can ? can.canClearDescription : true,
    )
    // A replacing update keeps what is left out by sending its current value (read first): not required.
    const keeps = operation === 'update' && replacesAndCanRead(provider)
    for (const field of required) {
      if (fields[field] === undefined && !keeps) {
        const why =
          'mode' in can && can.mode === 'replace' ? 'replaces the whole group on every update' : 'needs it'
        issues.push({ field, code: 'required', message: `is required by ${providerId}, which ${why}` })
      }
    }
  }
  request.options = ownOptions(fields.providerOptions, can.providerOptions)
  Object.assign(request, callOptionsOf(fields))
  return { issues, warnings, request, provider }

  function checkField(field: NormalizedField, value: unknown, nullable: boolean): void {
    if (value === undefined) return
    if (value === null) {
      if (nullable && field === 'description') request.description = null
      else {
        const message =
          field === 'name'
            ? 'must be a string'
            : `cannot be cleared with null on ${providerId}; pass a string`
        issues.push({ field, code: 'type', message })
      }
      return
    }
    if (typeof value !== 'string') {
      issues.push({
        field,
        code: 'type',
        message: nullable ? 'must be a string or null' : 'must be a string',
      })
      return
    }
    if (!capabilities.fields.includes(field)) {
      warnings.push({
        type: 'unsupported-field',
        field,
        message: `${providerId} has no ${field}; it was not sent`,
      })
      return
    }
    request[field] = value
  }

  function ownOptions(providerOptions: unknown, known: readonly string[]): Record<string, unknown> {
    if (providerOptions === undefined) return {}
    if (typeof providerOptions !== 'object' || providerOptions === null || Array.isArray(providerOptions)) {
      issues.push({
        field: 'providerOptions',
        code: 'type',
        message: 'must be an object keyed by provider id',
      })
      return {}
    }
    let own: Record<string, unknown> = {}
    for (const [key, value] of Object.entries(providerOptions)) {
      if (key !== providerId) {
        warnings.push({
          type: 'unsupported-option',
          field: `providerOptions.${key}`,
          message: `options for ${key} were ignored by ${providerId}`,
        })
        continue
      }
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        issues.push({ field: `providerOptions.${key}`, code: 'type', message: 'must be an object' })
        continue
      }
      own = value as Record<string, unknown>
      for (const option of Object.keys(own)) {
        if (!known.includes(option)) {
          issues.push({
            field: `providerOptions.${key}.${option}`,
            code: 'unsupported-option',
            message: `is not an option of ${providerId} for ${operationNames[operation]}; known: ${known.join(', ') || 'none'}`,
          })
        }
      }
    }
    return own
  }
}

/** Runs the checks and throws every issue at once, before anything is sent. */
export function checkedRequest(
  operation: OperationName,
  fields: FacadeFields,
): Required<Omit<Checked, 'issues'>> {
  const checked = checkAgainstCapabilities(operation, fields)
  if (checked.issues.some((issue) => issue.code === 'unsupported-operation')) {
    throw new UnsupportedOperationError(describeProvider(fields.provider), operationNames[operation])
  }
  if (checked.issues.length > 0) {
    throw new InvalidArgumentError(
      `${describeProvider(fields.provider)}.${operationNames[operation]}`,
      checked.issues,
    )
  }
  return checked as Required<Checked>
}
