import type { ActionResult, WriteAction } from './customer-group-plan.js'

/**
 * Where `applyCustomerGroupPlan` records what it does, so that a run stopped
 * half way can be resumed without repeating what it finished. The CLI's
 * append-only journal implements it; the library keeps no files.
 */
export interface PlanJournal {
  /**
   * Whether an action is already done, e.g. by an interrupted run of the same
   * plan (compare `action.key`). It is not sent again and its result is `skipped`.
   */
  isDone?(action: WriteAction): boolean
  /**
   * Called before the actions' requests are sent, which wait until it
   * resolves: make their start durable here. If it rejects, they are not
   * sent and no further action starts.
   */
  starting?(actions: readonly WriteAction[]): Promise<void> | void
  /** Called once as each started action ends. If it throws or rejects, no further action starts. */
  finished?(result: ActionResult): Promise<void> | void
}
