import type {
  ArgumentIssue,
  OperationName,
  ProviderCreateRequest,
  ProviderGroupRequest,
  ProviderRequest,
  ProviderUpdateRequest,
} from '@customer-groups/runtime'
import { AmbiguousNameError } from '@customer-groups/runtime'
import { checkAgainstCapabilities, checkedRequest, type FacadeFields } from './check-request.js'
import { completeUpdate, fieldsLeftOut, replacesAndCanRead, type UpdateBasis } from './complete-update.js'
import { type CreateSettings, createReconciled, type Reconciliation } from './create-reconciled.js'
import type { AnyProvider, DeleteResult, FacadeCall, GroupResult, ListResult } from './types.js'

export interface ListCustomerGroupsOptions<Provider extends AnyProvider = AnyProvider>
  extends FacadeCall<Provider, 'list'> {}

export interface GetCustomerGroupOptions<Provider extends AnyProvider = AnyProvider>
  extends FacadeCall<Provider, 'get'> {
  id: string
}

export interface FindCustomerGroupOptions<Provider extends AnyProvider = AnyProvider>
  extends FacadeCall<Provider, 'list'> {
  /** Matched exactly, as stored. */
  name: string
}

export interface CreateCustomerGroupOptions<Provider extends AnyProvider = AnyProvider>
  extends FacadeCall<Provider, 'create'>,
    CreateSettings {
  name: string
  /** `null` or left out: no description. */
  description?: string | null | undefined
}

/**
 * What `createCustomerGroup` resolves with. When the group was found by its
 * name rather than by the create's own answer, `reconciled` says how, and
 * `raw` and `response` are the list's.
 */
export interface CreateCustomerGroupResult<Provider = AnyProvider>
  extends GroupResult<Provider, 'create' | 'list'> {
  reconciled?: Reconciliation
}

export interface UpdateCustomerGroupOptions<Provider extends AnyProvider = AnyProvider>
  extends FacadeCall<Provider, 'update'>,
    UpdateBasis {
  id: string
  /** Left out: kept as it is, on every provider. */
  name?: string | undefined
  /** `null` clears the description where the provider allows it; left out: kept as it is. */
  description?: string | null | undefined
}

export interface DeleteCustomerGroupOptions<Provider extends AnyProvider = AnyProvider>
  extends FacadeCall<Provider, 'delete'> {
  id: string
}

/** Every group of the provider's account, normalized. */
export async function listCustomerGroups<Provider extends AnyProvider>(
  options: ListCustomerGroupsOptions<Provider>,
): Promise<ListResult<Provider>> {
  const { warnings, request, provider } = checkedRequest('list', options as FacadeFields)
  const result = await (
    provider.doListCustomerGroups as (r: ProviderRequest) => Promise<ListResult<Provider>>
  )(request)
  return {
    groups: result.groups,
    warnings: [...warnings, ...result.warnings],
    raw: result.raw,
    response: result.response,
  }
}

/**
 * One group by id. Where the API has no endpoint for one group (Shoptet), it
 * is read from the list; either way a missing id is a `NotFoundError`.
 */
export async function getCustomerGroup<Provider extends AnyProvider>(
  options: GetCustomerGroupOptions<Provider>,
): Promise<GroupResult<Provider, 'get'>> {
  const { warnings, request, provider } = checkedRequest('get', options as FacadeFields)
  const result = await (
    provider.doGetCustomerGroup as (r: ProviderGroupRequest) => Promise<GroupResult<Provider, 'get'>>
  )(request as ProviderGroupRequest)
  return withWarnings(result, warnings)
}

/**
 * The group with exactly this name, from the list; `undefined` when there is
 * none. Two groups with the name make it throw `AmbiguousNameError` rather than guess.
 */
export async function findCustomerGroup<Provider extends AnyProvider>(
  options: FindCustomerGroupOptions<Provider>,
): Promise<GroupResult<Provider, 'list'> | undefined> {
  const { name, ...rest } = options
  const { groups, warnings, raw, response } = await listCustomerGroups(
    rest as ListCustomerGroupsOptions<Provider>,
  )
  const matches = groups.filter((group) => group.name === name)
  if (matches.length > 1) {
    throw new AmbiguousNameError(
      options.provider.providerId,
      name,
      matches.map((group) => group.id),
    )
  }
  const [group] = matches
  return group === undefined ? undefined : { group, warnings, raw, response }
}

/**
 * Creates a group; the answer holds it as the provider stored it. It is never
 * made twice by accident: a create whose outcome is unknown (its answer lost,
 * a timeout, a 5xx) is settled by looking the name up (`reconciled` says so);
 * when that cannot tell, the error is thrown with `outcome: 'unknown'`.
 */
export async function createCustomerGroup<Provider extends AnyProvider>(
  options: CreateCustomerGroupOptions<Provider>,
): Promise<CreateCustomerGroupResult<Provider>> {
  const { warnings, request, provider } = checkedRequest('create', options as FacadeFields)
  const result = await createReconciled(provider, request as ProviderCreateRequest, options)
  const created = withWarnings(result as unknown as GroupResult<Provider, 'create'>, warnings)
  return result.reconciled === undefined ? created : { ...created, reconciled: result.reconciled }
}

/**
 * Updates one customer group through any provider. A field left out keeps its
 * value on every provider: where the update replaces the whole group
 * (Xtrakit's PUT), it is sent with its current value, read first (one read)
 * unless `current` gives it; `expected` also refuses to overwrite a group
 * that changed since you read it (`GroupChangedError`, nothing sent). Input
 * the provider cannot honour fails before a request is sent; input it can
 * safely skip becomes a warning.
 */
export async function updateCustomerGroup<Provider extends AnyProvider>(
  options: UpdateCustomerGroupOptions<Provider>,
): Promise<GroupResult<Provider, 'update'>> {
  const { warnings, request, provider } = checkedRequest('update', options as FacadeFields)
  const completed = await completeUpdate(provider, request as ProviderUpdateRequest, options)
  const result = await (
    provider.doUpdateCustomerGroup as (r: ProviderUpdateRequest) => Promise<GroupResult<Provider, 'update'>>
  )(completed)
  return withWarnings(result, warnings)
}

/** Deletes a group, where the provider can (`capabilities.operations.delete`). */
export async function deleteCustomerGroup<Provider extends AnyProvider>(
  options: DeleteCustomerGroupOptions<Provider>,
): Promise<DeleteResult<Provider>> {
  const { warnings, request, provider } = checkedRequest('delete', options as FacadeFields)
  const result = await (
    provider.doDeleteCustomerGroup as (r: ProviderGroupRequest) => Promise<DeleteResult<Provider>>
  )(request as ProviderGroupRequest)
  return {
    id: result.id,
    warnings: [...warnings, ...result.warnings],
    raw: result.raw,
    response: result.response,
  }
}

/**
 * Every issue the operation would throw for, found without sending anything:
 * the capability checks, then the provider's own spec checks where it offers
 * them. An empty list means the call would be sent.
 */
export function checkCustomerGroupRequest(operation: OperationName, options: FacadeFields): ArgumentIssue[] {
  const { issues, request, provider } = checkAgainstCapabilities(operation, options)
  if (issues.length > 0 || provider === undefined) return issues
  const found = provider.checkCustomerGroupRequest?.(operation, request as never) ?? []
  if (operation !== 'update' || !replacesAndCanRead(provider)) return found
  // A field left out of a replacing update is sent with its current value, read first: not missing.
  const filled: readonly string[] = fieldsLeftOut(provider, request)
  return found.filter((issue) => !(issue.code === 'required' && filled.includes(issue.field)))
}

/** `checkCustomerGroupRequest('update', options)`. */
export function checkCustomerGroupUpdate<Provider extends AnyProvider>(
  options: UpdateCustomerGroupOptions<Provider>,
): ArgumentIssue[] {
  return checkCustomerGroupRequest('update', options as FacadeFields)
}

/** The provider's result with the facade's own warnings first; built field by field, as this runs on every call. */
function withWarnings<Provider, Operation extends 'get' | 'create' | 'update'>(
  result: GroupResult<Provider, Operation>,
  warnings: GroupResult<Provider, Operation>['warnings'],
): GroupResult<Provider, Operation> {
  return {
    group: result.group,
    warnings: warnings.length === 0 ? result.warnings : [...warnings, ...result.warnings],
    raw: result.raw,
    response: result.response,
  }
}

export type { OperationName }
