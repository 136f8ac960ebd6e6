import { type NormalizedShape, type ProviderWarning, parsePositiveInteger } from '@customer-groups/runtime'
import { createCustomerGroup } from './create-customer-group.js'
import { deleteCustomerGroup } from './delete-customer-group.js'
import { listCustomerGroups } from './list-customer-groups.js'
import type { CustomerGroupListResponse } from './types.js'
import { updateCustomerGroup } from './update-customer-group.js'

/**
 * Every operation of Shoptet's spec, by operationId: each one is a method of
 * the client, typed from its operation. Adding an operation is one line here.
 */
export const shoptetOperations = {
  listCustomerGroups,
  createCustomerGroup,
  updateCustomerGroup,
  deleteCustomerGroup,
}

const allGroups = (data: unknown) => (data as CustomerGroupListResponse).data.customerGroups

/**
 * Shoptet's list is not paginated (its spec says so), but Shoptet's paginated
 * endpoints say so in `data.paginator`: an answer with more than one page is
 * refused rather than taken as every group. Reading the other pages would
 * need a page parameter the spec does not have.
 */
function morePages(data: unknown): string | undefined {
  const paginator = (data as { data?: { paginator?: { pageCount?: unknown } } }).data?.paginator
  const pages = paginator?.pageCount
  return typeof pages === 'number' && pages > 1
    ? `a list of ${pages} pages, of which only the first was read: the groups on the others are unknown`
    : undefined
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

/**
 * Which of Shoptet's operations the facade's operations use, and where each
 * answer holds its groups. `get` reads the list: Shoptet has no endpoint for one group.
 */
export const shoptetFacade = {
  fields: { name: 'name', description: 'description' },
  warningsOf: shoptetWarnings,
  // Ids are numbers at Shoptet; one that is not a positive integer goes on as given, for the spec to refuse.
  toId: (id: string) => parsePositiveInteger(id) ?? id,
  operations: {
    list: { operation: listCustomerGroups, groups: allGroups, incomplete: morePages },
    // Both answer with every group: the new one is the one with its name (names are unique in a shop).
    create: {
      operation: createCustomerGroup,
      group: (data: unknown, params: Record<string, unknown>) =>
        allGroups(data).find((group) => group.name === params.name),
    },
    update: {
      operation: updateCustomerGroup,
      group: (data: unknown, params: Record<string, unknown>) =>
        allGroups(data).find((group) => group.id === params.id),
    },
    delete: { operation: deleteCustomerGroup },
  },
} as const satisfies Omit<NormalizedShape, 'normalizeGroup'>
