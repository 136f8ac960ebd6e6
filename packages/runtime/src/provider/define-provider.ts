import { createAPIError } from '../errors/create-api-error.js'
import { type ArgumentIssue, InvalidArgumentError } from '../errors/invalid-argument-error.js'
import { InvalidResponseError } from '../errors/invalid-response-error.js'
import { callOptionsOf } from '../http/call-options.js'
import type { ResponseMetadata, Transport } from '../http/transport.js'
import type { Operation } from '../operation/define-operation.js'
import { boundValue } from '../validation/bounded-value.js'
import type { JsonSchema } from '../validation/json-schema.js'
import { requestIssues } from '../validation/request-issues.js'
import { deriveCapabilities } from './capabilities.js'
import type {
  CustomerGroupProvider,
  NormalizedCustomerGroup,
  NormalizedField,
  OperationName,
  ProviderCapabilities,
  ProviderGroupRequest,
  ProviderRequest,
  ProviderRequests,
  ProviderTypes,
  ProviderWarning,
} from './customer-group-provider.js'

// biome-ignore lint/suspicious/noExplicitAny: an operation of any parameters; each one checks its own
type AnyOperation = Operation<any, any>

/** The most a group's `providerMetadata` keeps (characters of keys and strings, plus one per value). */
const maxMetadataSize = 64 * 1024

/** How the facade's operations map to the provider's own, and where each answer holds its groups. */
export interface ProviderOperations {
  list?: {
    operation: AnyOperation
    groups(data: unknown): unknown[]
    /**
     * Why an answer does not hold the whole list (e.g. it says there are more
     * pages), or `undefined` when it does. A list taken as whole when it is
     * not would make a plan create groups that exist: such an answer is an
     * `InvalidResponseError` instead.
     */
    incomplete?(data: unknown): string | undefined
  }
  get?: { operation: AnyOperation; group(data: unknown): unknown }
  /** `params` are the provider's own parameters the call was sent with. */
  create?: { operation: AnyOperation; group(data: unknown, params: Record<string, unknown>): unknown }
  update?: { operation: AnyOperation; group(data: unknown, params: Record<string, unknown>): unknown }
  delete?: { operation: AnyOperation }
}

export interface ProviderDefinition<Types extends ProviderTypes> {
  transport: Transport<object, Types['facts']>
  /** The provider's field for each normalized field it stores, e.g. `{ name: 'group_name' }`. */
  fields: Readonly<Partial<Record<NormalizedField, string>>>
  operations: ProviderOperations
  /** A provider group in the normalized shape; `undefined` when it is not a group at all. */
  normalizeGroup(group: unknown): NormalizedCustomerGroup<Types> | undefined
  /** The provider's id parameter for a normalized (string) id; the spec checks the result. */
  toId?(id: string): unknown
  /** Non-fatal problems a success body reports beside its data. */
  warningsOf?(data: unknown): ProviderWarning[]
}

/**
 * The normalized interface of a provider, built from its operations: the
 * facade's `do*` methods, capabilities derived from the specs, and the
 * checks that run without sending anything.
 */
export function defineProvider<Types extends ProviderTypes, Extras extends object = Record<never, never>>(
  definition: ProviderDefinition<Types>,
  /** The provider's own methods and properties, added as they are (getters stay getters). */
  extras?: Extras,
): CustomerGroupProvider<Types> & { readonly capabilities: ProviderCapabilities } & Extras {
  const { transport, fields, operations, toId = (id: string) => id } = definition
  const providerId = transport.providerId as Types['id']
  // Derived on first read: a package's default instance is created at import, where time counts.
  let capabilities: ProviderCapabilities | undefined

  /** The provider's own parameters for a normalized request. */
  function paramsOf(operation: AnyOperation, request: ProviderRequest & Partial<ProviderRequests['update']>) {
    const params: Record<string, unknown> = { ...request.options }
    const idName = operation.facts.parameters.path[0]
    if (idName !== undefined && request.id !== undefined) params[idName] = toId(request.id)
    if (request.name !== undefined && fields.name !== undefined) params[fields.name] = request.name
    if (request.description !== undefined && fields.description !== undefined) {
      params[fields.description] = request.description
    }
    return params
  }

  /**
   * The operation's issues in the facade's terms: `group_name` is `name`, the
   * path id is `id`, and a provider option is `providerOptions.<id>.<option>`,
   * as the caller of the facade wrote them.
   */
  function facadeIssues(operation: AnyOperation, issues: readonly ArgumentIssue[]): ArgumentIssue[] {
    const idName = operation.facts.parameters.path[0]
    return issues.map((issue) => {
      // An empty change breaks the body's "at least one field": say so in the caller's terms.
      if (
        issue.code === 'min-properties' &&
        (issue.field === (operation.bodyEnvelope ?? 'body') || issue.field === 'body')
      ) {
        return { ...issue, field: 'changes', message: nothingToChange(operation) }
      }
      const [head = ''] = issue.field.split('.')
      let field = issue.field
      if (head === idName) field = 'id'
      else if (head === fields.name) field = `name${issue.field.slice(head.length)}`
      else if (head === fields.description) field = `description${issue.field.slice(head.length)}`
      else if (head !== 'params') field = `providerOptions.${providerId}.${issue.field}`
      return { ...issue, field }
    })
  }

  /** What the caller can give an operation that needs at least one field, named as the facade takes them. */
  function nothingToChange(operation: AnyOperation): string {
    const names = Object.keys(operation.fields?.properties ?? {}).map((field) => {
      if (field === fields.name) return 'name'
      if (field === fields.description) return 'description'
      return `providerOptions.${providerId}.${field}`
    })
    return `nothing to change: give at least one of ${names.join(', ')}`
  }

  // The operation whose path takes a group's id: its spec schema is the rule for any id, also one looked up in the list.
  const idOperation = [operations.get, operations.update, operations.delete]
    .map((mapping) => mapping?.operation)
    .find((operation) => operation?.facts.parameters.path[0] !== undefined)

  /** The issues of an id by the spec's schema of the id parameter, named `id`. */
  function idIssues(id: string): ArgumentIssue[] {
    const idName = idOperation?.facts.parameters.path[0]
    const pathSchema = idOperation?.facts.request.properties?.path
    if (
      typeof id !== 'string' ||
      idOperation === undefined ||
      idName === undefined ||
      pathSchema === undefined
    )
      return []
    const schema: JsonSchema = { type: 'object', properties: { path: pathSchema } }
    return facadeIssues(idOperation, requestIssues(schema, { path: { [idName]: toId(id) } }))
  }

  /** Whether the id an answer names is the id asked for, however the provider spells its ids. */
  const sameId = (answered: string, asked: string) => answered === asked || answered === String(toId(asked))

  /** An update or get answered with another group than the one asked for is not an answer to it. */
  function checkSameGroup(
    group: NormalizedCustomerGroup<Types>,
    request: ProviderRequest & { id?: string },
    response: ResponseMetadata<unknown>,
  ) {
    if (request.id === undefined || sameId(group.id, request.id)) return
    throw new InvalidResponseError(
      {
        provider: providerId,
        status: response.status,
        headers: response.headers,
        body: undefined,
        errors: [],
      },
      `a group with id ${group.id.slice(0, 100)} in answer to a request for id ${request.id.slice(0, 100)}`,
    )
  }

  async function call(operation: AnyOperation, request: ProviderRequest) {
    const params = paramsOf(operation, request)
    const prepared = operation.prepare(params)
    if ('issues' in prepared) {
      // Bad input is named as the facade's caller gave it; nothing was sent.
      throw new InvalidArgumentError(
        `${providerId}.${operation.facts.operationId}`,
        facadeIssues(operation, prepared.issues),
      )
    }
    const { data, response } = await operation
      .sendPrepared(transport, prepared.request, callOptionsOf(request))
      .withResponse()
    return { data, response: response as ResponseMetadata<Types['facts']>, params }
  }

  /** The normalized group, or an `InvalidResponseError` when the answer does not hold one. */
  function normalized(group: unknown, response: ResponseMetadata<unknown>, what: string) {
    const result = group === undefined ? undefined : definition.normalizeGroup(group)
    if (result !== undefined) {
      // Unknown fields are copied as the server sent them: bounded here, once for every provider.
      if (result.providerMetadata !== undefined) {
        result.providerMetadata = boundValue(result.providerMetadata, {
          maxSize: maxMetadataSize,
        }) as typeof result.providerMetadata
      }
      return result
    }
    throw invalidAnswer(providerId, response, `a body without ${what}`)
  }

  const warningsOf = (data: unknown) => definition.warningsOf?.(data) ?? []

  const provider: CustomerGroupProvider<Types> = {
    providerId,
    get capabilities() {
      capabilities ??= deriveCapabilities(fields, operations)
      return capabilities
    },
  }
  if (transport.shopFingerprint !== undefined) {
    const fingerprint = transport.shopFingerprint
    provider.shopFingerprint = () => fingerprint()
  }
  const { list, get, create, update } = operations

  if (list !== undefined) {
    provider.doListCustomerGroups = async (request) => {
      const { data, response } = await call(list.operation, request)
      const partial = list.incomplete?.(data)
      if (partial !== undefined) throw invalidAnswer(providerId, response, partial)
      const groups = list.groups(data).map((group) => normalized(group, response, 'a valid group list'))
      return { groups, warnings: warningsOf(data), raw: data, response }
    }
  }
  if (get !== undefined) {
    provider.doGetCustomerGroup = async (request) => {
      const { data, response } = await call(get.operation, request)
      const group = normalized(get.group(data), response, 'the group')
      checkSameGroup(group, request, response)
      return { group, warnings: warningsOf(data), raw: data, response }
    }
  } else if (list !== undefined) {
    // No endpoint for one group: read it from the list, and answer a missing one as the API would.
    provider.doGetCustomerGroup = async (request) => {
      // The list call has no id to check: the id is held to the spec's rule for ids before anything is sent.
      const issues = idIssues(request.id)
      if (issues.length > 0) throw new InvalidArgumentError(`${providerId}.getCustomerGroup`, issues)
      const { groups, warnings, raw, response } = await (
        provider.doListCustomerGroups as NonNullable<typeof provider.doListCustomerGroups>
      )({ ...request, options: request.options })
      const group = groups.find((candidate) => candidate.id === request.id)
      if (group === undefined) throw notFound(request, response)
      return { group, warnings, raw, response }
    }
  }
  for (const [name, method] of [
    ['create', 'doCreateCustomerGroup'],
    ['update', 'doUpdateCustomerGroup'],
  ] as const) {
    const mapping = name === 'create' ? create : update
    if (mapping === undefined) continue
    provider[method] = async (request: ProviderRequest) => {
      const { data, response, params } = await call(mapping.operation, request)
      const group = normalized(mapping.group(data, params), response, `the ${name}d group`)
      if (name === 'update') checkSameGroup(group, request, response)
      return { group, warnings: warningsOf(data), raw: data, response }
    }
  }
  const remove = operations.delete
  if (remove !== undefined) {
    provider.doDeleteCustomerGroup = async (request) => {
      const { data, response } = await call(remove.operation, request)
      return { id: request.id, warnings: warningsOf(data), raw: data, response }
    }
  }

  provider.checkCustomerGroupRequest = (name: OperationName, request: ProviderRequest): ArgumentIssue[] => {
    const own = operations[name]?.operation
    if (own !== undefined) return facadeIssues(own, own.check(paramsOf(own, request)))
    // A lookup in the list checks what the list call would send.
    if (name === 'get' && list !== undefined) {
      return [
        ...idIssues((request as ProviderGroupRequest).id),
        ...facadeIssues(list.operation, list.operation.check(paramsOf(list.operation, request))),
      ]
    }
    return []
  }

  function notFound(request: ProviderGroupRequest, response: ResponseMetadata<unknown>) {
    return createAPIError({
      provider: providerId,
      status: 404,
      headers: response.headers,
      body: undefined,
      errors: [
        {
          code: 'customer-group-not-found',
          message: `no customer group has id ${request.id.slice(0, 100)} (looked up in the list of groups)`,
        },
      ],
      requestId: response.requestId,
    })
  }

  if (extras !== undefined) Object.defineProperties(provider, Object.getOwnPropertyDescriptors(extras))
  return provider as CustomerGroupProvider<Types> & { readonly capabilities: ProviderCapabilities } & Extras
}

/** An answer that passed the spec's checks but does not hold what the operation needs. */
function invalidAnswer(provider: string, response: ResponseMetadata<unknown>, reason: string) {
  const init = { provider, status: response.status, headers: response.headers, body: undefined, errors: [] }
  return new InvalidResponseError(init, reason)
}
