import type { DerivedTypes } from '@customer-groups/runtime'
import type { CustomerGroup } from './types.js'
import type { xtrakitFacade } from './xtrakit-operations.js'

/**
 * What the facade infers from an Xtrakit client: options and raw answers
 * read from its operations; `providerMetadata.xtrakit` holds the group's
 * fields besides id, name, description and dates, as Xtrakit sends them.
 */
export interface XtrakitTypes
  extends DerivedTypes<
    'xtrakit',
    (typeof xtrakitFacade)['operations'],
    (typeof xtrakitFacade)['fields'],
    Omit<CustomerGroup, 'id' | 'group_name' | 'group_description' | 'created_at' | 'updated_at'>,
    Record<string, never>
  > {}
