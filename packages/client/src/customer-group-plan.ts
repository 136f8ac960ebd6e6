import type {
  GroupChange,
  NormalizedCustomerGroup,
  ProviderWarning,
  ResponseMetadata,
} from '@customer-groups/runtime'
import type { Reconciliation } from './create-reconciled.js'
import type { NameMatching } from './name-matching.js'
import type { AnyProvider, ProviderOptionsFor, TypesOf } from './types.js'

/** A target of a plan: a provider instance, and optionally the name of the account it opens. */
export interface SyncTarget<Provider extends AnyProvider = AnyProvider> {
  provider: Provider
  /** Shown in the plan and its results, and part of each action's key: it tells two accounts of one provider apart. */
  account?: string | undefined
}

/** A provider instance, or `{ provider, account }`. */
export type SyncTargetInput<Provider extends AnyProvider = AnyProvider> = Provider | SyncTarget<Provider>

/** The provider of a target as given. */
export type ProviderOfTarget<Target> = Target extends { provider: infer Provider extends AnyProvider }
  ? Provider
  : Target extends AnyProvider
    ? Target
    : never

type UnionToIntersection<Union> = (Union extends unknown ? (value: Union) => void : never) extends (
  value: infer Intersection,
) => void
  ? Intersection
  : never

type OptionsOfEach<Provider> = Provider extends AnyProvider ? ProviderOptionsFor<Provider, 'update'> : never

/** Each provider's own fields under its id, typed from the targets: `{ shoptet?: { maxDiscount?… } }`. */
export type SyncProviderOptions<Provider> = UnionToIntersection<OptionsOfEach<Provider>>

/** A group as it should be on every target, found there by its name. */
export interface DesiredCustomerGroup<Provider extends AnyProvider = AnyProvider> {
  name: string
  /** Left out: not managed, whatever the targets have stays. `null`: no description. */
  description?: string | null | undefined
  /**
   * Each provider's own fields under its id, as in `updateCustomerGroup`. A
   * target of another provider cannot store them: the plan says so in a
   * warning, never an error.
   */
  providerOptions?: SyncProviderOptions<Provider> | undefined
  /**
   * Names the group had before. A target with a group under one of them and
   * none under `name` renames that group (same id, its customers stay)
   * instead of creating a new one and deleting the old. A target with two
   * such groups, or with groups under both the old and the new name, fails
   * with `RenameConflictError`; the other targets plan on.
   */
  renamedFrom?: readonly string[] | undefined
}

/** One field an action sets: `name`, `description` or `providerOptions.<id>.<option>`, from → to. */
export interface FieldChange {
  field: string
  /** The value on the target now; `undefined` for a group that does not exist yet. */
  from: unknown
  to: unknown
}

/** What a create or update sends, in the facade's terms. */
export interface PlannedRequest {
  name?: string
  description?: string | null
  providerOptions?: Record<string, Record<string, unknown>>
}

interface ActionBase<Provider> {
  /** The index of the target in `plan.targets`. */
  target: number
  providerId: string
  account?: string
  /** The desired name (create, update, unchanged), or the name on the target (extra, delete). */
  name: string
  /**
   * What the action does to which group, as canonical JSON: the same action
   * has the same key in every plan, so a journal can tell it was done.
   */
  key: string
  /** What the target cannot store or compare, and will not get. */
  warnings: ProviderWarning[]
  /** The group on the target as listed; absent for a create. */
  current?: NormalizedCustomerGroup<TypesOf<Provider>>
}

/** An action that sends a request when the plan is applied. */
export type WriteAction<Provider = AnyProvider> =
  | (ActionBase<Provider> & { type: 'create'; changes: FieldChange[]; request: PlannedRequest })
  | (ActionBase<Provider> & {
      type: 'update'
      id: string
      changes: FieldChange[]
      request: PlannedRequest
      /** The old name it was found under, when the desired group's `renamedFrom` matched it. */
      renamedFrom?: string
    })
  | (ActionBase<Provider> & {
      type: 'delete'
      id: string
      /** The desired name this group's name nearly matches (case, whitespace, invisible characters, Unicode form), if any. */
      nearMatch?: string
    })

/** One thing the plan says about one group on one target. */
export type PlannedAction<Provider = AnyProvider> =
  | WriteAction<Provider>
  /** The group is as desired; nothing is sent. */
  | (ActionBase<Provider> & { type: 'unchanged'; id: string })
  /** On the target, not in the desired groups, and left as it is (no `prune`, or the provider cannot delete). */
  | (ActionBase<Provider> & { type: 'extra'; id: string })

interface TargetPlanBase<Provider> {
  index: number
  providerId: string
  account?: string
  provider: Provider
  /**
   * Which shop the target reached when it was planned (see the provider's
   * `shopFingerprint`): a saved plan is applied only where it matches.
   * Absent when the provider cannot tell, or its credential was missing.
   */
  shop?: string
}

/** One target's part of a plan; a target whose list failed or whose names are ambiguous has no actions. */
export type TargetPlan<Provider = AnyProvider> =
  | (TargetPlanBase<Provider> & {
      ok: true
      actions: PlannedAction<Provider>[]
      /** About the target as a whole, e.g. extra groups that `prune` cannot delete there. */
      warnings: ProviderWarning[]
    })
  | (TargetPlanBase<Provider> & { ok: false; error: Error; actions: []; warnings: ProviderWarning[] })

/** What `planCustomerGroups` found: per target, one action per desired group and per extra group. */
export interface CustomerGroupPlan<Provider = AnyProvider> {
  targets: TargetPlan<Provider>[]
  /** Every action of the targets that planned, target by target. */
  actions: PlannedAction<Provider>[]
  /** The creates, updates and deletes: what applying the plan would send. */
  changes: number
  /** Targets whose plan failed: applying sends them nothing. */
  failedTargets: number
  prune: boolean
  matchNames: NameMatching
}

/** Whether an action sends anything. */
export function isWriteAction<Provider>(action: PlannedAction<Provider>): action is WriteAction<Provider> {
  return action.type === 'create' || action.type === 'update' || action.type === 'delete'
}

interface ResultBase<Provider> {
  action: WriteAction<Provider>
  /** The plan's warnings for the action, then those of the answer. */
  warnings: ProviderWarning[]
}

/** What became of one create, update or delete. */
export type ActionResult<Provider = AnyProvider> =
  | (ResultBase<Provider> & {
      status: 'done'
      /** The group as the provider stored it; absent for a delete. */
      group?: NormalizedCustomerGroup<TypesOf<Provider>>
      response: ResponseMetadata<TypesOf<Provider>['facts']>
      /** Set when a create was settled by looking its name up (its answer was lost, or a resumed run). */
      reconciled?: Reconciliation
    })
  /** The provider refused it, or it was never sent: it did not happen. */
  | (ResultBase<Provider> & { status: 'failed'; error: Error })
  /** It was sent and no trustworthy answer came back: it may have happened. Look before sending it again. */
  | (ResultBase<Provider> & { status: 'unknown'; error: Error })
  /** Not sent: the run stopped first (no `reason`), or its shop refused the credential (`reason`). */
  | (ResultBase<Provider> & { status: 'not-run'; reason?: NotRunReason })
  /** Not sent: the journal says an earlier run did it, and the group as listed now agrees. */
  | (ResultBase<Provider> & { status: 'skipped' })
  /** Not sent: its group changed since the plan (or a create's name is now taken); plan again. */
  | (ResultBase<Provider> & { status: 'stale'; stale: Staleness })

/** How an action's group changed since the plan: the reason it was not sent. */
export interface Staleness {
  /**
   * `updated`: a field changed; `renamed`: its name changed; `deleted`: it
   * is gone; `exists`: a group with the name a create would make is there now.
   */
  kind: 'updated' | 'renamed' | 'deleted' | 'exists'
  /** Field by field: as the plan found it → as it is now (none for `deleted` and `exists`). */
  changes: GroupChange[]
  /** The group as it is now; absent when it is gone. */
  group?: NormalizedCustomerGroup
  /** What changed, for people. */
  message: string
}

/** Why a write was not sent. */
export interface NotRunReason {
  /**
   * `group`: an earlier write of its group did not end done; `shop`: its shop
   * refused the credential (401, 403); `recheck`: its shop's groups could not
   * be read again to check the plan before writing.
   */
  cause: 'group' | 'shop' | 'recheck'
  message: string
  /** The error that stopped the shop. */
  error?: Error
}
