import { canonicalJson, type NormalizedCustomerGroup } from '@customer-groups/runtime'
import type { PlannedRequest } from './customer-group-plan.js'

/**
 * The action's key: which target, what it does, to which group, with what,
 * and the group as the plan found it (its name, description, version and
 * provider fields), so an action planned against another state of the group
 * (it drifted after an interrupted run) has another key.
 */
export function actionKey(
  target: { providerId: string; account?: string | undefined },
  action: {
    type: string
    name: string
    id?: string
    request?: PlannedRequest
    current?: NormalizedCustomerGroup
  },
): string {
  const { current } = action
  return canonicalJson({
    provider: target.providerId,
    account: target.account ?? null,
    type: action.type,
    id: action.id ?? null,
    name: action.name,
    request: action.request ?? null,
    found:
      current === undefined
        ? null
        : {
            name: current.name,
            description: current.description,
            updatedAt: current.updatedAt ?? null,
            providerMetadata: current.providerMetadata ?? null,
          },
  })
}
