import type { ActionResult, WriteAction } from './customer-group-plan.js'

/** What an earlier run recorded of an action: `done`, or `started` (sent, and no end recorded: it may have happened). */
export type PreviousOutcome = 'done' | 'started'

/**
 * Where `applyCustomerGroupPlan` records what it does, so that a run stopped
 * half way can be resumed without repeating what it finished. The CLI's
 * append-only journal implements it; the library keeps no files.
 */
export interface PlanJournal {
  /**
   * What an earlier run recorded of this action (compare `action.key`, which
   * includes the group as the plan found it). A create that is `done` or
   * `started` is looked up by name before it is sent. An update or a delete
   * that is `done` is `skipped` where that is provable (a delete; an update
   * of a group with a version, `updatedAt`, that has not moved) and sent
   * again otherwise, as sending it twice changes nothing.
   */
  previous?(action: WriteAction): PreviousOutcome | undefined
  /**
   * Called before the actions' requests are sent, which wait until it
   * resolves: make their start durable here. If it rejects, they are not
   * sent and no further action starts.
   */
  starting?(actions: readonly WriteAction[]): Promise<void> | void
  /** Called once as each action ends, not-run ones included. If it throws or rejects, no further action starts. */
  finished?(result: ActionResult): Promise<void> | void
}
