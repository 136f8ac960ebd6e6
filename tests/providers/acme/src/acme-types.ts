import type { DerivedTypes } from '@customer-groups/runtime'
import type { acmeFacade } from './acme-operations.js'
import type { Group } from './types.js'

/** What the facade infers from an Acme client; `providerMetadata.acme` holds the group's revision. */
export interface AcmeTypes
  extends DerivedTypes<
    'acme',
    (typeof acmeFacade)['operations'],
    (typeof acmeFacade)['fields'],
    Omit<Group, 'id' | 'title' | 'note'>,
    Record<string, never>
  > {}
