/** A cap on rows in flight shared by every lane that lists it (an account, a token, a provider). */
export class Limit {
  active = 0
  constructor(
    readonly name: string,
    readonly max: number,
  ) {}
  get free(): boolean {
    return this.active < this.max
  }
}

/**
 * The rows of one account, in file order. `load` returns the next rows (at
 * most `max`), or none when there are no more.
 */
export interface Lane<Row> {
  readonly limits: readonly Limit[]
  load(max: number): Promise<Row[]>
}

export interface ScheduleOptions<Row> {
  lanes: Lane<Row>[]
  /** Rows with the same group run one after another, in the order their lane loads them. */
  groupOf(row: Row): string
  /** Called with every batch of rows about to be sent; they are sent once it resolves (e.g. the journal has them). */
  starting(rows: Row[]): Promise<void>
  /** Sends one row; must not reject. */
  send(row: Row): Promise<void>
  /** True once no new row may start (Ctrl-C, a fatal error). */
  stopped(): boolean
  /** Rows loaded ahead per lane, at least: more rows are read when fewer wait. */
  window?: (lane: Lane<Row>) => number
}

interface LaneState<Row> {
  lane: Lane<Row>
  /** Rows loaded and not started, per group, in order. */
  queues: Map<string, Row[]>
  /** Groups whose next row may start, oldest first. */
  ready: string[]
  busy: Set<string>
  waiting: number
  loading: boolean
  exhausted: boolean
  window: number
}

/**
 * Runs every lane's rows with these guarantees: rows of one group run one
 * after another in order; different groups run at once; no limit of a lane is
 * ever exceeded; only a window of rows per lane is held in memory. Resolves
 * once every row has run, or, after `stopped()`, once the rows in flight end.
 * Rejects with the error of `starting` or of a lane's `load`, after the rows
 * already in flight have ended.
 */
export function schedule<Row>(options: ScheduleOptions<Row>): Promise<void> {
  const lanes: LaneState<Row>[] = options.lanes.map((lane) => {
    const cap = Math.min(...lane.limits.map((limit) => limit.max))
    return {
      lane,
      queues: new Map(),
      ready: [],
      busy: new Set(),
      waiting: 0,
      loading: false,
      exhausted: false,
      window: options.window?.(lane) ?? Math.max(16, Math.min(256, 4 * (Number.isFinite(cap) ? cap : 16))),
    }
  })
  let inFlight = 0
  let failure: unknown
  let pumpQueued = false
  let next = 0
  let finish: () => void = () => {}
  let fail: (error: unknown) => void = () => {}
  const done = new Promise<void>((resolve, reject) => {
    finish = resolve
    fail = reject
  })

  const stopping = () => failure !== undefined || options.stopped()

  const settleIfIdle = () => {
    if (inFlight > 0) return
    if (failure !== undefined) return fail(failure)
    if (options.stopped() || lanes.every((state) => state.exhausted && state.waiting === 0 && !state.loading))
      finish()
  }

  const enqueue = (state: LaneState<Row>, rows: Row[]) => {
    for (const row of rows) {
      const group = options.groupOf(row)
      const queue = state.queues.get(group)
      if (queue === undefined) {
        state.queues.set(group, [row])
        if (!state.busy.has(group)) state.ready.push(group)
      } else queue.push(row)
      state.waiting++
    }
  }

  const refill = (state: LaneState<Row>) => {
    if (state.loading || state.exhausted || stopping() || state.waiting > state.window / 2) return
    state.loading = true
    state.lane.load(state.window - state.waiting).then(
      (rows) => {
        state.loading = false
        if (rows.length === 0) state.exhausted = true
        enqueue(state, rows)
        queuePump()
      },
      (error: unknown) => {
        state.loading = false
        state.exhausted = true
        failure ??= error
        queuePump()
      },
    )
  }

  const take = (state: LaneState<Row>): Row | undefined => {
    if (state.ready.length === 0 || !state.lane.limits.every((limit) => limit.free)) return undefined
    const group = state.ready.shift() as string
    const queue = state.queues.get(group) as Row[]
    const row = queue.shift() as Row
    if (queue.length === 0) state.queues.delete(group)
    state.busy.add(group)
    state.waiting--
    for (const limit of state.lane.limits) limit.active++
    return row
  }

  const ended = (state: LaneState<Row>, row: Row) => {
    const group = options.groupOf(row)
    state.busy.delete(group)
    for (const limit of state.lane.limits) limit.active--
    if (state.queues.has(group)) state.ready.push(group)
    inFlight--
    queuePump()
  }

  const pump = () => {
    pumpQueued = false
    for (const state of lanes) refill(state)
    if (stopping()) return settleIfIdle()
    // Round robin, one row per lane per turn, so lanes sharing a limit share it fairly.
    const batch: [LaneState<Row>, Row][] = []
    for (let progress = true; progress; ) {
      progress = false
      for (let turn = 0; turn < lanes.length; turn++) {
        const state = lanes[(next + turn) % lanes.length] as LaneState<Row>
        const row = take(state)
        if (row !== undefined) {
          batch.push([state, row])
          progress = true
        }
      }
      next = (next + 1) % Math.max(1, lanes.length)
    }
    for (const state of lanes) refill(state)
    if (batch.length === 0) return settleIfIdle()
    inFlight += batch.length
    options.starting(batch.map(([, row]) => row)).then(
      () => {
        for (const [state, row] of batch) void options.send(row).then(() => ended(state, row))
      },
      (error: unknown) => {
        failure ??= error
        for (const [state, row] of batch) ended(state, row)
      },
    )
  }

  function queuePump() {
    if (pumpQueued) return
    pumpQueued = true
    setImmediate(pump)
  }

  queuePump()
  return done
}
