import { APIError, type CallOptions, callOptionsOf, InvalidArgumentError } from '@customer-groups/runtime'
import type { NotRunReason } from './customer-group-plan.js'
import { RequestLimiter, type SharedLimit } from './request-limiter.js'
import { type GroupSource, listedGroups, type PlannedWrite, type SentWrite, sendWrite } from './send-write.js'
import type { AnyProvider } from './types.js'

/** One shop's writes, in order: its provider, the limits it shares, and where its writes come from. */
export interface WriteLane<Item extends WriteItem> {
  provider: AnyProvider
  /** Limits this shop's writes count against besides `concurrency`, e.g. a provider's limit per token or per source IP. */
  limits?: readonly SharedLimit[] | undefined
  /** The next writes in order, at most `max`; none when there are no more. Only a window is held at once. */
  load(max: number): Promise<readonly Item[]> | readonly Item[]
}

export interface WriteItem {
  write: PlannedWrite
  /** Writes of one group in a shop run one after another, in load order; one that does not end done stops the rest. */
  group: string
}

/** What became of one write: sent (`done`, `failed`, `unknown`) or not (`stale`, or `not-run` with the reason). */
export type WriteResult<Item> =
  | (SentWrite & { item: Item; lane: number })
  | { status: 'not-run'; item: Item; lane: number; reason: NotRunReason; warnings: [] }

export interface ExecuteWritesOptions<Item extends WriteItem> extends CallOptions {
  lanes: readonly WriteLane<Item>[]
  /** Writes in flight at once per shop (default 3). */
  concurrency?: number | undefined
  /** Shared with the plan's list calls, so a provider's limits hold for the whole run. */
  limiter?: RequestLimiter | undefined
  /** Once aborted, no further write starts; those in flight finish. `signal` aborts those too. */
  stop?: AbortSignal | undefined
  /** Called with each batch about to be sent, which waits until it resolves (make their start durable). */
  starting?: ((items: readonly Item[]) => Promise<void> | void) | undefined
  /** Called once per write as it ends, not-run ones included, one at a time in the order they end. */
  settled?: ((result: WriteResult<Item>) => Promise<void> | void) | undefined
}

export interface ExecuteWritesResult {
  /** Why the run stopped before its end (`starting` or `settled` failed, a lane could not load). */
  stopped?: Error
  /** Shops whose lane ended at a refused credential, by lane index. */
  stoppedShops: { lane: number; error: Error }[]
}

interface LaneState<Item extends WriteItem> {
  lane: WriteLane<Item>
  index: number
  limits: readonly SharedLimit[]
  source: GroupSource
  /** Loaded and not started, per group, in order. */
  queues: Map<string, Item[]>
  /** Groups whose next write may start, oldest first. */
  ready: string[]
  busy: Set<string>
  /** Groups stopped by a write that did not end done, with why. */
  blocked: Map<string, string>
  waiting: number
  loading: boolean
  exhausted: boolean
  /** Set once the shop refused the credential: nothing more is sent there. */
  refused?: Error
}

let runs = 0

/**
 * The one engine every write runs on (`applyCustomerGroupPlan`, the CLI's
 * `apply` and `sync`). Guarantees: writes of one group in a shop run one
 * after another in order, and one that does not end done stops the later
 * ones of its group (`not-run`); a shop that refuses the credential (401,
 * 403) gets nothing more, its remaining writes `not-run`, while other shops
 * go on; no limit of the limiter is ever exceeded; only a window of writes
 * per shop is held. Never rejects.
 */
export function executeWrites<Item extends WriteItem>(
  options: ExecuteWritesOptions<Item>,
): Promise<ExecuteWritesResult> {
  return new WriteRun(options).run()
}

class WriteRun<Item extends WriteItem> {
  readonly #options: ExecuteWritesOptions<Item>
  readonly #limiter: RequestLimiter
  readonly #lanes: LaneState<Item>[]
  readonly #call: CallOptions
  readonly #stoppedShops: { lane: number; error: Error }[] = []
  #failure: Error | undefined
  #inFlight = 0
  #next = 0
  #pumpQueued = false
  #settling: Promise<void> = Promise.resolve()
  #finish: (result: ExecuteWritesResult) => void = () => {}

  constructor(options: ExecuteWritesOptions<Item>) {
    this.#options = options
    this.#limiter = options.limiter ?? new RequestLimiter()
    this.#call = callOptionsOf(options)
    const concurrency = options.concurrency ?? 3
    if (!Number.isSafeInteger(concurrency) || concurrency < 1)
      this.#failure = new InvalidArgumentError('executeWrites', [
        { field: 'concurrency', code: 'minimum', message: 'must be a whole number from 1' },
      ])
    const run = ++runs
    this.#lanes = options.lanes.map((lane, index) => ({
      lane,
      index,
      limits: [{ name: `\0run ${run} shop ${index}`, max: concurrency }, ...(lane.limits ?? [])],
      source: listedGroups(lane.provider, this.#call),
      queues: new Map(),
      ready: [],
      busy: new Set(),
      blocked: new Map(),
      waiting: 0,
      loading: false,
      exhausted: false,
    }))
  }

  run(): Promise<ExecuteWritesResult> {
    const done = new Promise<ExecuteWritesResult>((resolve) => {
      this.#finish = resolve
    })
    const unsubscribe = this.#limiter.onRelease(() => this.#queuePump())
    this.#queuePump()
    return done.finally(unsubscribe)
  }

  #stopping(): boolean {
    return (
      this.#failure !== undefined ||
      this.#options.stop?.aborted === true ||
      this.#options.signal?.aborted === true
    )
  }

  #queuePump(): void {
    if (this.#pumpQueued) return
    this.#pumpQueued = true
    setImmediate(() => this.#pump())
  }

  #pump(): void {
    this.#pumpQueued = false
    for (const state of this.#lanes) this.#refill(state)
    if (this.#stopping()) {
      this.#settleIfIdle()
      return
    }
    // Round robin, one write per shop per turn, so shops sharing a limit share it fairly.
    const batch: [LaneState<Item>, Item][] = []
    for (let progress = true; progress; ) {
      progress = false
      for (let turn = 0; turn < this.#lanes.length; turn++) {
        const state = this.#lanes[(this.#next + turn) % this.#lanes.length] as LaneState<Item>
        const item = this.#take(state)
        if (item !== undefined) {
          batch.push([state, item])
          progress = true
        }
      }
      this.#next = (this.#next + 1) % Math.max(1, this.#lanes.length)
    }
    for (const state of this.#lanes) this.#refill(state)
    if (batch.length === 0) {
      this.#settleIfIdle()
      return
    }
    this.#inFlight += batch.length
    this.#start(batch)
  }

  async #start(batch: [LaneState<Item>, Item][]): Promise<void> {
    try {
      await this.#options.starting?.(batch.map(([, item]) => item))
    } catch (error) {
      this.#failure ??= asError(error)
      for (const [state, item] of batch) this.#release(state, item)
      return
    }
    for (const [state, item] of batch) {
      void sendWrite(state.lane.provider, item.write, this.#call, state.source).then((sent) => {
        this.#ended(state, item, sent)
      })
    }
  }

  #settleIfIdle(): void {
    if (this.#inFlight > 0) return
    const idle = this.#lanes.every((state) => state.exhausted && state.waiting === 0 && !state.loading)
    if (!this.#stopping() && !idle) return
    void this.#settling.then(() =>
      this.#finish({
        ...(this.#failure !== undefined && { stopped: this.#failure }),
        stoppedShops: this.#stoppedShops,
      }),
    )
  }

  #refill(state: LaneState<Item>): void {
    const window = Math.max(16, Math.min(256, 4 * (state.limits[0]?.max ?? 4)))
    if (state.loading || state.exhausted || this.#stopping() || state.waiting > window / 2) return
    state.loading = true
    Promise.resolve()
      .then(() => state.lane.load(window - state.waiting))
      .then(
        (items) => {
          state.loading = false
          if (items.length === 0) state.exhausted = true
          for (const item of items) this.#enqueue(state, item)
          this.#queuePump()
        },
        (error: unknown) => {
          state.loading = false
          state.exhausted = true
          this.#failure ??= asError(error)
          this.#queuePump()
        },
      )
  }

  #enqueue(state: LaneState<Item>, item: Item): void {
    const blocked = state.blocked.get(item.group)
    if (state.refused !== undefined || blocked !== undefined) {
      const reason: NotRunReason =
        state.refused === undefined ? { cause: 'group', message: blocked ?? '' } : shopReason(state.refused)
      this.#notRun(state, item, reason)
      return
    }
    const queue = state.queues.get(item.group)
    if (queue === undefined) {
      state.queues.set(item.group, [item])
      if (!state.busy.has(item.group)) state.ready.push(item.group)
    } else queue.push(item)
    state.waiting++
  }

  #take(state: LaneState<Item>): Item | undefined {
    if (state.refused !== undefined || state.ready.length === 0) return undefined
    if (!this.#limiter.tryAcquire(state.limits)) return undefined
    const group = state.ready.shift() as string
    const queue = state.queues.get(group) as Item[]
    const item = queue.shift() as Item
    if (queue.length === 0) state.queues.delete(group)
    state.busy.add(group)
    state.waiting--
    return item
  }

  #ended(state: LaneState<Item>, item: Item, sent: SentWrite): void {
    if (sent.status === 'stale')
      state.blocked.set(item.group, `an earlier change of its group is stale: ${sent.stale.message}`)
    else if (sent.status !== 'done') {
      state.blocked.set(
        item.group,
        `an earlier change of its group ended ${sent.status}: ${sent.error.message}`,
      )
      if (refusesCredential(sent.error) && state.refused === undefined) {
        state.refused = sent.error
        this.#stoppedShops.push({ lane: state.index, error: sent.error })
      }
    }
    this.#report({ ...sent, item, lane: state.index })
    this.#release(state, item)
    this.#dropBlocked(state)
  }

  #release(state: LaneState<Item>, item: Item): void {
    state.busy.delete(item.group)
    if (state.queues.has(item.group)) state.ready.push(item.group)
    this.#inFlight--
    this.#limiter.release(state.limits)
    this.#queuePump()
  }

  /** Writes waiting behind a group (or a shop) that stopped: each ends `not-run`, with why. */
  #dropBlocked(state: LaneState<Item>): void {
    for (const [group, queue] of state.queues) {
      const message = state.blocked.get(group)
      if (state.refused === undefined && message === undefined) continue
      state.queues.delete(group)
      state.ready = state.ready.filter((name) => name !== group)
      state.waiting -= queue.length
      for (const item of queue)
        this.#notRun(
          state,
          item,
          state.refused === undefined
            ? { cause: 'group', message: message ?? '' }
            : shopReason(state.refused),
        )
    }
  }

  #notRun(state: LaneState<Item>, item: Item, reason: NotRunReason): void {
    this.#report({ status: 'not-run', item, lane: state.index, reason, warnings: [] })
  }

  #report(result: WriteResult<Item>): void {
    const { settled } = this.#options
    if (settled === undefined) return
    this.#settling = this.#settling.then(async () => {
      try {
        await settled(result)
      } catch (error) {
        this.#failure ??= asError(error)
      }
    })
  }
}

/** A 401 or 403: the shop refuses the credential, and every later request there would be refused too. */
function refusesCredential(error: Error): boolean {
  return APIError.isInstance(error) && (error.status === 401 || error.status === 403)
}

function shopReason(error: Error): NotRunReason {
  return {
    cause: 'shop',
    error,
    message: `its shop refused the credential (${error.message.slice(0, 200)}); nothing more was sent there`,
  }
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error))
}
