// Copy-paste starting point: update one customer group on each provider, then on both at once.
import {
  type EverywhereResult,
  getCustomerGroup,
  type UpdateCustomerGroupResult,
  updateCustomerGroup,
  updateCustomerGroupEverywhere,
} from '@customer-groups/client'
import type { ShoptetClient } from '@customer-groups/shoptet'
import type { XtrakitClient } from '@customer-groups/xtrakit'

export interface Targets {
  xtrakit: { provider: XtrakitClient; id: string }
  shoptet: { provider: ShoptetClient; id: string }
}

export async function updateEverywhere(
  { xtrakit, shoptet }: Targets,
  print: (line: string) => void = console.log,
) {
  print('\n2. Xtrakit alone (it replaces the whole group, so the name is required):')
  const before = await getCustomerGroup({ provider: xtrakit.provider, id: xtrakit.id })
  print(`   before: ${describeGroup(before.group)}`)
  printResult(
    await updateCustomerGroup({
      provider: xtrakit.provider,
      id: xtrakit.id,
      name: 'Premium Customers',
      description: 'Spent over $1000 in their first year',
    }),
    print,
  )

  print('\n3. Shoptet alone (a patch; Shoptet-only fields go under providerOptions.shoptet):')
  const shoptetBefore = await getCustomerGroup({ provider: shoptet.provider, id: shoptet.id })
  const { maxDiscount, defaultDueDays } = shoptetBefore.group.providerMetadata?.shoptet ?? {}
  print(
    `   before: ${describeGroup(shoptetBefore.group)}, ${JSON.stringify({ maxDiscount, defaultDueDays })}`,
  )
  printResult(
    await updateCustomerGroup({
      provider: shoptet.provider,
      id: shoptet.id,
      name: 'Wholesale partners',
      providerOptions: { shoptet: { maxDiscount: '0.2500', defaultDueDays: 14 } },
    }),
    print,
  )

  print('\n4. Both at once (one result per target; a failure would not hide the other):')
  const results = await updateCustomerGroupEverywhere({
    targets: [xtrakit, shoptet],
    name: 'Wholesale partners',
    description: 'Partners buying in bulk',
  })
  for (const result of results) printEverywhere(result, print)
  return results
}

function describeGroup(group: { name: string; description: string | null }): string {
  return `"${group.name}", description ${group.description === null ? '(none)' : JSON.stringify(group.description)}`
}

function printResult(result: UpdateCustomerGroupResult, print: (line: string) => void): void {
  const { group, warnings, response } = result
  print(
    `   ${group.provider} group ${group.id}: "${group.name}" (HTTP ${response.status}, ${response.attempts} attempt(s))`,
  )
  print(`     description: ${group.description === null ? '(none)' : JSON.stringify(group.description)}`)
  if (group.createdAt !== undefined)
    print(`     created ${group.createdAt}, updated ${group.updatedAt ?? '?'}`)
  const own = group.providerMetadata?.[group.provider]
  if (own !== undefined) print(`     ${group.provider} fields: ${JSON.stringify(own)}`)
  for (const warning of warnings)
    print(`     warning (${warning.type}${warning.field ? `, ${warning.field}` : ''}): ${warning.message}`)
}

function printEverywhere(result: EverywhereResult, print: (line: string) => void): void {
  if (result.ok) printResult(result, print)
  else print(`   ${result.providerId} group ${result.id} FAILED: ${result.error.message}`)
}
