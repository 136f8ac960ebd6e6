import {
  type CallOptions,
  GroupChangedError,
  type NormalizedCustomerGroup,
  NotFoundError,
  type ProviderWarning,
  type ResponseMetadata,
} from '@customer-groups/runtime'
import { fieldsLeftOut, replacesAndCanRead } from './complete-update.js'
import { outcomeOf, type Reconciliation } from './create-reconciled.js'
import type { PlannedRequest, Staleness } from './customer-group-plan.js'
import { changesSince, staleness } from './group-changes.js'
import {
  createCustomerGroup,
  deleteCustomerGroup,
  getCustomerGroup,
  updateCustomerGroup,
} from './operations.js'
import { providerOf } from './provider-of.js'
import type { AnyProvider } from './types.js'

/** One write as the executor sends it: what it does, to which group. */
export type PlannedWrite =
  | {
      type: 'create'
      name: string
      request: PlannedRequest
      /** Look the name up before sending (a resumed create that may have happened). */
      lookUpFirst?: boolean
    }
  | {
      type: 'update'
      id: string
      request: PlannedRequest
      /** The group as last read: a replacing update keeps what the request leaves out from it. */
      current?: NormalizedCustomerGroup | undefined
      /** The group as the plan read it: a replacing update reads it again and refuses to overwrite a change. */
      expected?: NormalizedCustomerGroup | undefined
    }
  | {
      type: 'delete'
      id: string
      /** The group as the plan found it: it is read again right before the delete, which is not sent if it changed. */
      expected?: NormalizedCustomerGroup | undefined
    }

/** What became of a write that was sent. */
export type SentWrite =
  | {
      status: 'done'
      /** The group as stored (absent for a delete). */
      group?: NormalizedCustomerGroup
      warnings: ProviderWarning[]
      response: ResponseMetadata
      /** Set when the create was settled by looking its name up. */
      reconciled?: Reconciliation
    }
  /** `failed`: it did not happen; `unknown`: it may have (see the error's `outcome`). */
  | { status: 'failed' | 'unknown'; error: Error; warnings: ProviderWarning[] }
  /** Not sent: the group changed since it was read (`expected`). */
  | { status: 'stale'; stale: Staleness; warnings: ProviderWarning[] }

/** Where a replacing update finds the current value of what it leaves out, without reading each group. */
export interface GroupSource {
  get(id: string): Promise<NormalizedCustomerGroup | undefined>
  /** The group as a write left it. */
  set(group: NormalizedCustomerGroup): void
}

/**
 * A shop's groups, listed once when first needed and kept for the run, with
 * each write's answer put back: what a replacing update reads its left-out
 * fields from, one list per shop instead of one read per group. A group the
 * list lacks is read by the update itself.
 */
export function listedGroups(provider: AnyProvider, call: CallOptions): GroupSource {
  let groups: Promise<Map<string, NormalizedCustomerGroup>> | undefined
  const load = async () => {
    const list = await providerOf(provider, 'listedGroups').doListCustomerGroups?.({ options: {}, ...call })
    return new Map((list?.groups ?? []).map((group) => [group.id, group]))
  }
  return {
    async get(id) {
      groups ??= load()
      try {
        return (await groups).get(id)
      } catch {
        // The list failed: each update reads its own group instead.
        return undefined
      }
    },
    set(group) {
      void groups?.then(
        (known) => known.set(group.id, group),
        () => {},
      )
    },
  }
}

/** Sends one write through the facade; never rejects. */
export async function sendWrite(
  provider: AnyProvider,
  write: PlannedWrite,
  call: CallOptions,
  source?: GroupSource,
): Promise<SentWrite> {
  try {
    if (write.type === 'delete') {
      if (write.expected !== undefined) {
        const checked = await checkBeforeDelete(provider, write.id, write.expected, call)
        if (checked !== undefined) return checked
      }
      const result = await deleteCustomerGroup({ provider, id: write.id, ...call })
      return { status: 'done', warnings: result.warnings, response: result.response }
    }
    const { request } = write
    const fields = {
      provider,
      ...(request.name !== undefined && { name: request.name }),
      ...(request.description !== undefined && { description: request.description }),
      ...(request.providerOptions !== undefined && { providerOptions: request.providerOptions as never }),
      ...call,
    }
    if (write.type === 'create') {
      const result = await createCustomerGroup({
        ...fields,
        name: request.name ?? write.name,
        ...(write.lookUpFirst === true && { lookUpFirst: true }),
      })
      return {
        status: 'done',
        group: result.group,
        warnings: result.warnings,
        response: result.response,
        ...(result.reconciled !== undefined && { reconciled: result.reconciled }),
      }
    }
    // Only a replacing update that leaves a field out needs the group's current value.
    const facade = providerOf(provider, 'sendWrite')
    const needed =
      write.current === undefined &&
      write.expected === undefined &&
      replacesAndCanRead(facade) &&
      fieldsLeftOut(facade, request).length > 0
    const current = needed ? await source?.get(write.id) : write.current
    const result = await updateCustomerGroup({
      ...fields,
      id: write.id,
      ...(current !== undefined && { current }),
      ...(write.expected !== undefined && { expected: write.expected }),
    })
    source?.set(result.group)
    return { status: 'done', group: result.group, warnings: result.warnings, response: result.response }
  } catch (error) {
    if (GroupChangedError.isInstance(error))
      return { status: 'stale', stale: staleness({ changes: [...error.changes] }), warnings: [] }
    return {
      status: outcomeOf(error),
      error: error instanceof Error ? error : new Error(String(error)),
      warnings: [],
    }
  }
}

/**
 * Reads the group right before its delete: gone or changed since the plan,
 * the delete is `stale` and not sent; a read that fails leaves it `failed`.
 */
async function checkBeforeDelete(
  provider: AnyProvider,
  id: string,
  expected: NormalizedCustomerGroup,
  call: CallOptions,
): Promise<SentWrite | undefined> {
  let found: NormalizedCustomerGroup
  try {
    found = (await getCustomerGroup({ provider, id, ...call })).group as NormalizedCustomerGroup
  } catch (error) {
    if (NotFoundError.isInstance(error))
      return { status: 'stale', stale: staleness({ changes: [] }, 'deleted'), warnings: [] }
    return {
      status: 'failed',
      error: error instanceof Error ? error : new Error(String(error)),
      warnings: [],
    }
  }
  const changes = changesSince(expected, found)
  if (changes.length === 0) return undefined
  return { status: 'stale', stale: staleness({ changes, group: found }), warnings: [] }
}
