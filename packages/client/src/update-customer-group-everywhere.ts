import type { ArgumentIssue } from '@customer-groups/runtime'
import { describeProvider } from './check-request.js'
import { type UpdateCustomerGroupOptions, updateCustomerGroup } from './operations.js'
import type { AnyProvider, GroupResult, ProviderOptionsFor } from './types.js'

export interface UpdateTarget<Provider extends AnyProvider = AnyProvider> {
  provider: Provider
  id: string
}

type UnionToIntersection<Union> = (Union extends unknown ? (value: Union) => void : never) extends (
  value: infer Intersection,
) => void
  ? Intersection
  : never

/** Each target's own options under its provider's id, typed from the targets given. */
export type EverywhereProviderOptions<Targets extends readonly UpdateTarget[]> = UnionToIntersection<
  ProviderOptionsFor<Targets[number]['provider'], 'update'>
>

export interface UpdateCustomerGroupEverywhereOptions<Targets extends readonly UpdateTarget[]>
  extends Omit<UpdateCustomerGroupOptions<AnyProvider>, 'provider' | 'id' | 'providerOptions'> {
  targets: Targets
  providerOptions?: EverywhereProviderOptions<Targets> | undefined
}

/** One target's outcome; a failure is a value, not a rejection, so no target's result is lost. */
export type EverywhereResult<Provider extends AnyProvider = AnyProvider> =
  | ({ ok: true; providerId: string; id: string } & GroupResult<Provider, 'update'>)
  | { ok: false; providerId: string; id: string; error: Error; issues?: readonly ArgumentIssue[] }

/**
 * Applies one change to several providers at once. Resolves with one result
 * per target, in the order given and typed per target, whatever fails.
 */
export async function updateCustomerGroupEverywhere<const Targets extends readonly UpdateTarget[]>(
  options: UpdateCustomerGroupEverywhereOptions<Targets>,
): Promise<{ -readonly [Index in keyof Targets]: EverywhereResult<Targets[Index]['provider']> }> {
  const { targets, ...change } = options
  const results = await Promise.all(
    targets.map(async ({ provider, id }): Promise<EverywhereResult> => {
      const providerId = describeProvider(provider)
      try {
        const result = await updateCustomerGroup({
          ...change,
          provider,
          id,
        } as UpdateCustomerGroupOptions<AnyProvider>)
        return { ok: true, providerId, id, ...result }
      } catch (error) {
        return { ok: false, providerId, id, error: error instanceof Error ? error : new Error(String(error)) }
      }
    }),
  )
  return results as { -readonly [Index in keyof Targets]: EverywhereResult<Targets[Index]['provider']> }
}
