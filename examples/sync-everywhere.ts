// Copy-paste starting point: say which customer groups every shop should have, see the plan, apply it.
import {
  type CustomerGroupPlan,
  type DesiredCustomerGroup,
  planCustomerGroups,
  syncCustomerGroups,
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
