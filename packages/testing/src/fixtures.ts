// Response bodies shaped as the provider specs define them, for unit tests with an injected fetch.

/** A Shoptet customer group with every field its spec requires; pass what your test cares about. */
export function shoptetCustomerGroup(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 7,
    name: 'VIP',
    customerGroupCode: null,
    description: null,
    defaultPricelistId: null,
    maxDiscount: null,
    priority: null,
    emailNotification: false,
    authRequired: false,
    registrationAllowed: true,
    wholesale: false,
    tableLayout: false,
    fullProfileRequired: false,
    ...overrides,
  }
}

/** Shoptet's answer to an update: every group of the shop, and non-fatal errors or null. */
export function shoptetUpdateResponse(
  groups: Record<string, unknown>[] = [shoptetCustomerGroup()],
  errors: { errorCode: string; message: string; instance: string }[] | null = null,
): { data: { customerGroups: Record<string, unknown>[] }; errors: typeof errors } {
  return { data: { customerGroups: groups }, errors }
}

/** Xtrakit's answer to an edit, with the group as stored. */
export function xtrakitUpdateResponse(group: Record<string, unknown> = {}): {
  status: number
  message: string
  data: { group: Record<string, unknown> }
} {
  return {
    status: 200,
    message: 'Group updated successfully',
    data: { group: { id: 42, group_name: 'VIP', ...group } },
  }
}
