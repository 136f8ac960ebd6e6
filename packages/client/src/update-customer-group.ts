import {
  type ArgumentIssue,
  type CallOptions,
  type CustomerGroupProvider,
  InvalidArgumentError,
  type NormalizedCustomerGroup,
  type ProviderUpdateRequest,
  type ResponseMetadata,
  type UpdateWarning,
} from '@customer-groups/runtime'

/** Options keyed by provider id; each provider reads only its own entry. */
export type ProviderOptions = Record<string, Record<string, unknown>>

/** The change itself, whichever provider applies it. */
export interface CustomerGroupChange extends CallOptions {
  name?: string | undefined
  /** `null` clears the description where the provider allows it. */
  description?: string | null | undefined
  providerOptions?: ProviderOptions | undefined
}

export interface UpdateCustomerGroupOptions<Raw = unknown> extends CustomerGroupChange {
  provider: CustomerGroupProvider<Raw>
  id: string
}

export interface UpdateCustomerGroupResult<Raw = unknown> {
  group: NormalizedCustomerGroup
  /** What was not applied as asked, and why. */
  warnings: UpdateWarning[]
  /** The provider's own response body. */
  raw: Raw
  response: ResponseMetadata
}

/**
 * Updates one customer group through any provider. Input the provider cannot
 * honour fails before a request is sent; input it can safely skip becomes a warning.
 */
export async function updateCustomerGroup<Raw>(
  options: UpdateCustomerGroupOptions<Raw>,
): Promise<UpdateCustomerGroupResult<Raw>> {
  const { provider } = options
  const { issues, warnings, request } = checkAgainstCapabilities(options)
  if (issues.length > 0)
    throw new InvalidArgumentError(`updateCustomerGroup (${describeProvider(provider)})`, issues)
  const { group, warnings: providerWarnings, raw, response } = await provider.doUpdateCustomerGroup(request)
  return { group, warnings: [...warnings, ...providerWarnings], raw, response }
}

/**
 * Every issue `updateCustomerGroup` would throw for, found without sending
 * anything: the capability checks, and the provider's own spec checks where
 * the provider offers them. An empty list means the update would be sent.
 */
export function checkCustomerGroupUpdate(options: UpdateCustomerGroupOptions<unknown>): ArgumentIssue[] {
  const { issues, request } = checkAgainstCapabilities(options)
  if (issues.length > 0) return issues
  return options.provider.checkUpdateCustomerGroup?.(request) ?? []
}

/** The provider's id, or a placeholder for something that is not a provider. */
export function describeProvider(provider: unknown): string {
  const id = (provider as { providerId?: unknown } | undefined)?.providerId
  return typeof id === 'string' ? id : 'unknown provider'
}

function checkAgainstCapabilities(options: UpdateCustomerGroupOptions<unknown>): {
  issues: ArgumentIssue[]
  warnings: UpdateWarning[]
  request: ProviderUpdateRequest
} {
  const { issues, warnings, ownOptions } = checkFields(options)
  const { id, name, description, signal, maxRetries, timeoutMs, headers } = options
  // Only what was given: exactOptionalPropertyTypes keeps `undefined` out of optional fields.
  const request: ProviderUpdateRequest = { id, options: ownOptions }
  if (name !== undefined) request.name = name
  if (description !== undefined) request.description = description
  if (signal !== undefined) request.signal = signal
  if (maxRetries !== undefined) request.maxRetries = maxRetries
  if (timeoutMs !== undefined) request.timeoutMs = timeoutMs
  if (headers !== undefined) request.headers = headers
  return { issues, warnings, request }
}

function checkFields(options: UpdateCustomerGroupOptions<unknown>): {
  issues: ArgumentIssue[]
  warnings: UpdateWarning[]
  ownOptions: Record<string, unknown>
} {
  const issues: ArgumentIssue[] = []
  const warnings: UpdateWarning[] = []
  const { provider, id, name, description, providerOptions = {} } = options
  if (typeof provider?.doUpdateCustomerGroup !== 'function' || typeof provider.capabilities !== 'object') {
    issues.push({
      field: 'provider',
      rule: 'provider',
      message: 'must be a provider instance, e.g. createXtrakit()',
    })
    return { issues, warnings, ownOptions: {} }
  }
  const { providerId, capabilities } = provider
  if (typeof id !== 'string' || id === '')
    issues.push({ field: 'id', rule: 'non-empty string', message: 'must be a non-empty string' })
  if (name !== undefined && typeof name !== 'string')
    issues.push({ field: 'name', rule: 'type string', message: 'must be a string' })
  if (description !== undefined && description !== null && typeof description !== 'string') {
    issues.push({ field: 'description', rule: 'type string | null', message: 'must be a string or null' })
  }
  const given = { name, description }
  for (const field of capabilities.requiredFields) {
    if (given[field] === undefined) {
      issues.push({
        field,
        rule: 'required',
        message: `is required by ${providerId}, which ${capabilities.updateMode === 'replace' ? 'replaces the whole group on every update' : 'needs it'}`,
      })
    }
  }
  for (const field of ['name', 'description'] as const) {
    if (given[field] !== undefined && !capabilities.fields.includes(field)) {
      warnings.push({
        type: 'unsupported-field',
        field,
        message: `${providerId} has no ${field}; it was not sent`,
      })
    }
  }
  if (description === null && !capabilities.canClearDescription) {
    issues.push({
      field: 'description',
      rule: 'not null',
      message: `cannot be cleared with null on ${providerId}; pass a string`,
    })
  }
  if (typeof providerOptions !== 'object' || providerOptions === null) {
    issues.push({
      field: 'providerOptions',
      rule: 'type object',
      message: 'must be an object keyed by provider id',
    })
    return { issues, warnings, ownOptions: {} }
  }
  let ownOptions: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(providerOptions)) {
    if (key !== providerId) {
      warnings.push({
        type: 'unsupported-option',
        field: `providerOptions.${key}`,
        message: `options for ${key} were ignored by ${providerId}`,
      })
      continue
    }
    if (typeof value !== 'object' || value === null) {
      issues.push({ field: `providerOptions.${key}`, rule: 'type object', message: 'must be an object' })
      continue
    }
    ownOptions = value
    for (const option of Object.keys(value)) {
      if (!capabilities.providerOptions.includes(option)) {
        issues.push({
          field: `providerOptions.${key}.${option}`,
          rule: 'known option',
          message: `is not an option of ${providerId}; known: ${capabilities.providerOptions.join(', ') || 'none'}`,
        })
      }
    }
  }
  return { issues, warnings, ownOptions }
}
