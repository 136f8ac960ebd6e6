import type { CustomerGroupProvider } from '@customer-groups/runtime'
import {
  type CustomerGroupChange,
  describeProvider,
  type UpdateCustomerGroupResult,
  updateCustomerGroup,
} from './update-customer-group.js'

export interface UpdateTarget {
  provider: CustomerGroupProvider
  id: string
}

export interface UpdateCustomerGroupEverywhereOptions extends CustomerGroupChange {
  targets: readonly UpdateTarget[]
}

/** One target's outcome; a failure is a value, not a rejection, so no target's result is lost. */
export type EverywhereResult =
  | ({ ok: true; providerId: string; id: string } & UpdateCustomerGroupResult)
  | { ok: false; providerId: string; id: string; error: unknown }

/**
 * Applies one change to several providers at once. Resolves with one result per
 * target, in the order given, whatever fails.
 */
export async function updateCustomerGroupEverywhere(
  options: UpdateCustomerGroupEverywhereOptions,
): Promise<EverywhereResult[]> {
  const { targets, ...change } = options
  return Promise.all(
    targets.map(async ({ provider, id }): Promise<EverywhereResult> => {
      const providerId = describeProvider(provider)
      try {
        const result = await updateCustomerGroup({ ...change, provider, id })
        return { ok: true, providerId, id, ...result }
      } catch (error) {
        return { ok: false, providerId, id, error }
      }
    }),
  )
}
