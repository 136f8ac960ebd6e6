// Copy-paste starting point: say which customer groups every shop should have, see the plan, apply it.
import {
  applyCustomerGroupPlan,
  type CustomerGroupPlan,
  type DesiredCustomerGroup,
  findCustomerGroup,
  loadCustomerGroupPlan,
  planCustomerGroups,
  serializeCustomerGroupPlan,
  syncCustomerGroups,
  updateCustomerGroup,
} from '@customer-groups/client'
import type { ShoptetClient } from '@customer-groups/shoptet'
import type { XtrakitClient } from '@customer-groups/xtrakit'

type Print = (line: string) => void

/** The groups every shop should have, by name. Xtrakit has no maxDiscount: the plan warns, it does not fail. */
export const desiredGroups: DesiredCustomerGroup<XtrakitClient | ShoptetClient>[] = [
  { name: 'Premium Customers', description: 'Spent over $1000' },
  {
    name: 'Wholesale partners',
    description: 'Partners buying in bulk',
    providerOptions: { shoptet: { maxDiscount: '0.2000' } },
  },
  { name: 'VIP customers', description: 'Customers with a loyalty card' },
]

export async function syncEverywhere(
  targets: { xtrakit: XtrakitClient; shoptet: ShoptetClient },
  writesSoFar: () => number,
  print: Print = console.log,
): Promise<void> {
  const everywhere = [targets.xtrakit, targets.shoptet] as const

  print('\n5. The plan: what a sync would change (only the list calls are sent):')
  const plan = await planCustomerGroups({ targets: everywhere, groups: desiredGroups })
  printPlan(plan, print)

  print('\n6. Sync: plan and apply in one call (each change gets its own result):')
  const first = await syncCustomerGroups({ targets: everywhere, groups: desiredGroups })
  for (const result of first.results) {
    const { action } = result
    const outcome = result.status === 'failed' ? `FAILED: ${result.error.message}` : result.status
    print(`   ${action.providerId}: ${action.type} "${action.name}": ${outcome}`)
  }
  print(`   ${first.ok ? 'Every shop matches the desired groups.' : 'Some changes did not go through.'}`)

  print('\n7. Sync again: the shops already match, so nothing is written:')
  const before = writesSoFar()
  const second = await syncCustomerGroups({ targets: everywhere, groups: desiredGroups })
  print(
    `   ${second.plan.changes} change(s) planned, ${second.results.length} applied, ${writesSoFar() - before} write request(s) received by the mocks.`,
  )
  await reviewThenApply(everywhere, print)
}

/**
 * Review first, apply later: save the plan (JSON with no credential or URL in it, safe to commit),
 * and apply exactly that plan once approved. A change someone made in between is kept: the action
 * it would overwrite is `stale`, not sent.
 */
export async function reviewThenApply(
  everywhere: readonly [XtrakitClient, ShoptetClient],
  print: Print = console.log,
): Promise<void> {
  print('\n8. Review first: save a plan, apply exactly it later; what changed in between is kept:')
  const groups = [
    ...desiredGroups.map((group) =>
      group.name === 'VIP customers' ? { ...group, description: 'Loyalty card holders' } : group,
    ),
    { name: 'Gold customers' },
  ]
  const json = serializeCustomerGroupPlan(await planCustomerGroups({ targets: everywhere, groups }))
  print(`   Saved a plan of ${json.length} bytes; it names each shop by a fingerprint, never by its key.`)
  // Before it is applied, a colleague edits one of the groups the plan would change.
  const [, shoptet] = everywhere
  const vip = await findCustomerGroup({ provider: shoptet, name: 'VIP customers' })
  if (vip !== undefined)
    await updateCustomerGroup({ provider: shoptet, id: vip.group.id, description: 'Edited by a colleague' })
  const plan = await loadCustomerGroupPlan(json, { targets: everywhere })
  const result = await applyCustomerGroupPlan(plan)
  for (const entry of result.results) {
    const { action } = entry
    const outcome = entry.status === 'stale' ? `stale, not sent: ${entry.stale.message}` : entry.status
    print(`   ${action.providerId}: ${action.type} "${action.name}": ${outcome}`)
  }
}

export function printPlan(plan: CustomerGroupPlan, print: Print): void {
  for (const target of plan.targets) {
    print(`   ${target.providerId}:`)
    if (!target.ok) {
      print(`     could not be planned: ${target.error.message}`)
      continue
    }
    let unchanged = 0
    for (const action of target.actions) {
      if (action.type === 'unchanged') {
        unchanged++
        continue
      }
      const sign = { create: '+', update: '~', delete: '-', extra: '?' }[action.type]
      print(`     ${sign} ${action.type} "${action.name}"${'id' in action ? ` (id ${action.id})` : ''}`)
      if (action.type === 'update')
        for (const change of action.changes)
          print(`         ${change.field}: ${JSON.stringify(change.from)} → ${JSON.stringify(change.to)}`)
      for (const warning of action.warnings) print(`         warning: ${warning.message}`)
    }
    if (unchanged > 0) print(`     = ${unchanged} unchanged`)
  }
  print(`   ${plan.changes} change(s) in all.`)
}
