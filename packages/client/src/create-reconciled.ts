import {
  AmbiguousNameError,
  type CallOptions,
  type CustomerGroupProvider,
  CustomerGroupsError,
  callOptionsOf,
  type NormalizedCustomerGroup,
  type ProviderCreateRequest,
  type ProviderGroupResult,
  type ProviderWarning,
} from '@customer-groups/runtime'
import { canLookUp, lookUpName } from './look-up-name.js'

/** How a create was settled by looking its name up rather than trusting (or lacking) its answer. */
export interface Reconciliation {
  /**
   * `found`: a group of this name was there and was taken as the result (the
   * create's answer was lost after it worked, or an earlier run made it);
   * `resent`: it was not there, so the create was sent once more, and that worked.
   */
  how: 'found' | 'resent'
  /** What made the outcome unknown, when a request was sent; none when the name was looked up first. */
  error?: Error
}

export interface CreateSettings {
  /** Look the name up before sending: a group found once is the result, and nothing is sent. */
  lookUpFirst?: boolean | undefined
  /** Settle an `unknown` outcome by looking the name up (default true where the provider can list). */
  reconcile?: boolean | undefined
}

type Created = ProviderGroupResult<never, 'create'> & { reconciled?: Reconciliation }

/**
 * Creates a group without ever making it twice by accident. A create whose
 * outcome is `unknown` (its answer lost, a timeout, a 5xx) is settled by
 * listing the target and looking the name up: found once, it is done with
 * that group; absent, it is sent once more; found several times, it stays
 * unknown (the error is thrown). A refusal of the second send after an
 * unknown first one (Shoptet: "already exists") is looked up too.
 */
export async function createReconciled(
  provider: CustomerGroupProvider,
  request: ProviderCreateRequest,
  settings: CreateSettings,
): Promise<Created> {
  const call = callOptionsOf(request)
  const create = () => provider.doCreateCustomerGroup?.(request) as Promise<Created>
  const reconcile = settings.reconcile !== false && canLookUp(provider)
  if (settings.lookUpFirst === true && canLookUp(provider)) {
    const { matches, list } = await lookUpName(provider, request.name, call)
    if (matches.length > 1) throw ambiguous(provider, request.name, matches)
    const [group] = matches
    if (group !== undefined) return found(group, list, undefined)
  }
  let first: unknown
  try {
    return await create()
  } catch (error) {
    if (!reconcile || outcomeOf(error) !== 'unknown') throw error
    first = error
  }
  const before = await lookUpOrThrow(provider, request.name, call, () => first)
  if (before.matches.length > 1) throw first
  const [landed] = before.matches
  if (landed !== undefined) return found(landed, before.list, first)
  try {
    return { ...(await create()), reconciled: { how: 'resent', error: asError(first) } }
  } catch (second) {
    const after = await lookUpOrThrow(provider, request.name, call, () => unknownAfter(second))
    const [late] = after.matches
    if (after.matches.length === 1 && late !== undefined) return found(late, after.list, first)
    throw after.matches.length > 1 ? unknownAfter(second) : second
  }
}

/** The outcome a thrown value says, `unknown` for anything that is not one of ours. */
export function outcomeOf(error: unknown): 'failed' | 'unknown' {
  return CustomerGroupsError.isInstance(error) ? error.outcome : 'unknown'
}

async function lookUpOrThrow(
  provider: CustomerGroupProvider,
  name: string,
  call: CallOptions,
  error: () => unknown,
) {
  try {
    return await lookUpName(provider, name, call)
  } catch {
    // Without the list nothing can be told: the create's own error stands.
    throw error()
  }
}

function found(
  group: NormalizedCustomerGroup,
  list: Awaited<ReturnType<typeof lookUpName>>['list'],
  error: unknown,
): Created {
  const warning: ProviderWarning = {
    type: 'other',
    message:
      error === undefined
        ? `a group named ${JSON.stringify(group.name.slice(0, 100))} was there already (id ${group.id}); nothing was sent`
        : `the create's answer was not usable (${asError(error).message.slice(0, 200)}); a group of its name was found (id ${group.id}), so it was not sent again`,
  }
  return {
    group: group as never,
    warnings: [warning, ...list.warnings],
    raw: list.raw as never,
    response: list.response,
    reconciled: { how: 'found', ...(error !== undefined && { error: asError(error) }) },
  }
}

/** Several groups of the name: one may be the create's, which cannot be told. */
function ambiguous(provider: CustomerGroupProvider, name: string, matches: NormalizedCustomerGroup[]) {
  return new AmbiguousNameError(
    provider.providerId,
    name,
    matches.map((group) => group.id),
    { outcome: 'unknown' },
  )
}

/** The second send's error, as unknown: the first one may have taken effect. */
function unknownAfter(error: unknown): unknown {
  if (!CustomerGroupsError.isInstance(error) || error.outcome === 'unknown') return error
  Object.defineProperty(error, 'outcome', { value: 'unknown' })
  return error
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error))
}
