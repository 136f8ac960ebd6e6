import type { NormalizedCustomerGroup, ProviderWarning } from '@customer-groups/runtime'
import type { CustomerGroup, ShoptetTypes } from './types.js'

/** A Shoptet group in the normalized shape; every other field goes to `providerMetadata.shoptet`. */
export function normalizeShoptetGroup(raw: unknown): NormalizedCustomerGroup<ShoptetTypes> | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined
  // The response schema was checked: the fields are there and typed.
  const { id, name, description, ...shoptetOnly } = raw as CustomerGroup
  return {
    id: String(id),
    name,
    description,
    provider: 'shoptet',
    providerMetadata: { shoptet: shoptetOnly },
  }
}

/** Shoptet reports non-fatal problems beside a success; they must reach the caller. */
export function shoptetWarnings(data: unknown): ProviderWarning[] {
  const errors = (data as { errors?: unknown } | null | undefined)?.errors
  if (!Array.isArray(errors)) return []
  return errors.map((error: { errorCode?: string; message?: string; instance?: string }) => {
    const warning: ProviderWarning = {
      type: 'provider-error',
      message: `${error.errorCode ?? 'error'}: ${error.message ?? ''}`,
    }
    if (error.instance !== undefined) warning.field = error.instance
    return warning
  })
}
