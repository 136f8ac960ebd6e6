import { type ArgumentIssue, InvalidArgumentError } from '../errors.js'
import { callOptionsOf } from '../http/call-options.js'
import type { ResponseMetadata } from '../http/request.js'
import { deriveCapabilities } from './capabilities.js'
import type {
  CustomerGroupProvider,
  OperationName,
  ProviderCapabilities,
  ProviderGroupRequest,
  ProviderRequest,
  ProviderTypes,
} from './customer-group-provider.js'
import { type FacadeTerms, facadeTerms } from './facade-terms.js'
import { checkSameGroup, invalidAnswer, normalizedGroup, notFoundInList } from './normalized-answers.js'
import type { AnyOperation, ProviderDefinition, ProviderOperations } from './provider-operations.js'

/** What the `do*` methods share: the provider, its terms, and one way to call an operation. */
interface Facade<Types extends ProviderTypes> {
  providerId: Types['id']
  definition: ProviderDefinition<Types>
  terms: FacadeTerms
  call(
    operation: AnyOperation,
    request: ProviderRequest,
  ): Promise<{ data: unknown; response: ResponseMetadata<Types['facts']>; params: Record<string, unknown> }>
  warningsOf(data: unknown): ReturnType<NonNullable<ProviderDefinition<Types>['warningsOf']>>
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
  const { transport, fields, operations } = definition
  const providerId = transport.providerId as Types['id']
  const terms = facadeTerms(providerId, definition)
  const facade: Facade<Types> = {
    providerId,
    definition,
    terms,
    async call(operation, request) {
      const params = terms.paramsOf(operation, request)
      const prepared = operation.prepare(params)
      if ('issues' in prepared) {
        // Bad input is named as the facade's caller gave it; nothing was sent.
        throw new InvalidArgumentError(
          `${providerId}.${operation.facts.operationId}`,
          terms.facadeIssues(operation, prepared.issues),
        )
      }
      const { data, response } = await operation
        .sendPrepared(transport, prepared.request, callOptionsOf(request))
        .withResponse()
      return { data, response: response as ResponseMetadata<Types['facts']>, params }
    },
    warningsOf: (data) => definition.warningsOf?.(data) ?? [],
  }
  // Derived on first read: a package's default instance is created at import, where time counts.
  let capabilities: ProviderCapabilities | undefined
  const provider: CustomerGroupProvider<Types> = {
    providerId,
    get capabilities() {
      capabilities ??= deriveCapabilities(fields, operations)
      return capabilities
    },
    ...readMethods(facade, operations),
    ...writeMethods(facade, operations),
    checkCustomerGroupRequest: (name: OperationName, request: ProviderRequest) =>
      checkRequest(terms, operations, name, request),
  }
  const { shopFingerprint } = transport
  if (shopFingerprint !== undefined) provider.shopFingerprint = () => shopFingerprint()
  if (extras !== undefined) Object.defineProperties(provider, Object.getOwnPropertyDescriptors(extras))
  return provider as CustomerGroupProvider<Types> & { readonly capabilities: ProviderCapabilities } & Extras
}

type Methods<Types extends ProviderTypes> = Partial<CustomerGroupProvider<Types>>

/** `doListCustomerGroups` and `doGetCustomerGroup`, the latter from the list where there is no endpoint for one group. */
function readMethods<Types extends ProviderTypes>(
  facade: Facade<Types>,
  { list, get }: ProviderOperations,
): Methods<Types> {
  const { providerId, definition, terms } = facade
  const methods: Methods<Types> = {}
  if (list !== undefined) {
    methods.doListCustomerGroups = async (request) => {
      const { data, response } = await facade.call(list.operation, request)
      const partial = list.incomplete?.(data)
      if (partial !== undefined) throw invalidAnswer(providerId, response, partial)
      const groups = list
        .groups(data)
        .map((group) =>
          normalizedGroup(providerId, definition.normalizeGroup, group, response, 'a valid group list'),
        )
      return { groups, warnings: facade.warningsOf(data), raw: data, response }
    }
  }
  if (get !== undefined) {
    methods.doGetCustomerGroup = async (request) => {
      const { data, response } = await facade.call(get.operation, request)
      const group = normalizedGroup(
        providerId,
        definition.normalizeGroup,
        get.group(data),
        response,
        'the group',
      )
      checkSameGroup(providerId, terms.sameId, group, request, response)
      return { group, warnings: facade.warningsOf(data), raw: data, response }
    }
  } else if (methods.doListCustomerGroups !== undefined) {
    const listGroups = methods.doListCustomerGroups
    // No endpoint for one group: read it from the list, and answer a missing one as the API would.
    methods.doGetCustomerGroup = async (request) => {
      // The list call has no id to check: the id is held to the spec's rule for ids before anything is sent.
      const issues = terms.idIssues(request.id)
      if (issues.length > 0) throw new InvalidArgumentError(`${providerId}.getCustomerGroup`, issues)
      const { groups, warnings, raw, response } = await listGroups({ ...request, options: request.options })
      const group = groups.find((candidate) => candidate.id === request.id)
      if (group === undefined) throw notFoundInList(providerId, request, response)
      return { group, warnings, raw, response }
    }
  }
  return methods
}

/** `doCreateCustomerGroup`, `doUpdateCustomerGroup` and `doDeleteCustomerGroup`, where the provider has them. */
function writeMethods<Types extends ProviderTypes>(
  facade: Facade<Types>,
  operations: ProviderOperations,
): Methods<Types> {
  const { providerId, definition, terms } = facade
  const methods: Methods<Types> = {}
  for (const [name, method] of [
    ['create', 'doCreateCustomerGroup'],
    ['update', 'doUpdateCustomerGroup'],
  ] as const) {
    const mapping = operations[name]
    if (mapping === undefined) continue
    methods[method] = async (request: ProviderRequest & { id?: string }) => {
      const { data, response, params } = await facade.call(mapping.operation, request)
      const group = normalizedGroup(
        providerId,
        definition.normalizeGroup,
        mapping.group(data, params),
        response,
        `the ${name}d group`,
      )
      if (name === 'update') checkSameGroup(providerId, terms.sameId, group, request, response)
      return { group, warnings: facade.warningsOf(data), raw: data, response }
    }
  }
  const remove = operations.delete
  if (remove !== undefined) {
    methods.doDeleteCustomerGroup = async (request) => {
      const { data, response } = await facade.call(remove.operation, request)
      return { id: request.id, warnings: facade.warningsOf(data), raw: data, response }
    }
  }
  return methods
}

/** The issues an operation would throw for, found without sending anything. */
function checkRequest(
  terms: FacadeTerms,
  operations: ProviderOperations,
  name: OperationName,
  request: ProviderRequest,
): ArgumentIssue[] {
  const own = operations[name]?.operation
  if (own !== undefined) return terms.facadeIssues(own, own.check(terms.paramsOf(own, request)))
  // A lookup in the list checks what the list call would send.
  const { list } = operations
  if (name === 'get' && list !== undefined) {
    return [
      ...terms.idIssues((request as ProviderGroupRequest).id),
      ...terms.facadeIssues(list.operation, list.operation.check(terms.paramsOf(list.operation, request))),
    ]
  }
  return []
}
