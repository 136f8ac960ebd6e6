import { APIUserAbortError, onAbort } from '@customer-groups/runtime'

/** A cap on requests in flight that several shops share, e.g. a provider's limit per token or per source IP. */
export interface SharedLimit {
  /** Shops naming the same limit share it. */
  name: string
  /** Requests in flight at once under it. */
  max: number
}

interface Waiter {
  limits: readonly SharedLimit[]
  grant: () => void
}

interface Counter {
  max: number
  active: number
}

/**
 * Named caps on requests in flight, shared by everything that runs through
 * it: the list calls of a plan and the writes that apply it, so a provider's
 * published limits (per token, per shop, per source IP) hold for the whole
 * run. A slot is taken in every limit named at once, or not at all.
 */
export class RequestLimiter {
  readonly #counters = new Map<string, Counter>()
  readonly #waiting: Waiter[] = []
  readonly #listeners = new Set<() => void>()

  /** Takes a slot in each limit now, when every one is free; `false` (and nothing taken) otherwise. */
  tryAcquire(limits: readonly SharedLimit[]): boolean {
    const counters = limits.map((limit) => this.#counter(limit))
    if (!counters.every((counter) => counter.active < counter.max)) return false
    for (const counter of counters) counter.active++
    return true
  }

  /** Waits in order until a slot in each limit is free, and takes them. */
  acquire(limits: readonly SharedLimit[], signal?: AbortSignal): Promise<void> {
    if (signal?.aborted === true) return Promise.reject(new APIUserAbortError({ cause: signal.reason }))
    if (this.#waiting.length === 0 && this.tryAcquire(limits)) return Promise.resolve()
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        limits,
        grant: () => {
          stop?.()
          resolve()
        },
      }
      const stop =
        signal === undefined
          ? undefined
          : onAbort(signal, () => {
              this.#waiting.splice(this.#waiting.indexOf(waiter), 1)
              reject(new APIUserAbortError({ cause: signal.reason }))
            })
      this.#waiting.push(waiter)
    })
  }

  /** Gives the slots back, lets waiting callers in, and tells the listeners. */
  release(limits: readonly SharedLimit[]): void {
    for (const limit of limits) {
      const counter = this.#counters.get(limit.name)
      if (counter !== undefined && counter.active > 0) counter.active--
    }
    for (let index = 0; index < this.#waiting.length; ) {
      const waiter = this.#waiting[index] as Waiter
      if (this.tryAcquire(waiter.limits)) {
        this.#waiting.splice(index, 1)
        waiter.grant()
      } else index++
    }
    for (const listener of this.#listeners) listener()
  }

  /** Runs `task` holding a slot in each limit. */
  async run<Result>(
    limits: readonly SharedLimit[],
    task: () => Promise<Result>,
    signal?: AbortSignal,
  ): Promise<Result> {
    await this.acquire(limits, signal)
    try {
      return await task()
    } finally {
      this.release(limits)
    }
  }

  /** Called after every release, for schedulers that poll with `tryAcquire`. */
  onRelease(listener: () => void): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  /** Requests in flight under a limit now. */
  inFlight(name: string): number {
    return this.#counters.get(name)?.active ?? 0
  }

  // The first caller to name a limit sets its size; a limit below 1 would never let anything through.
  #counter(limit: SharedLimit): Counter {
    let counter = this.#counters.get(limit.name)
    if (counter === undefined) {
      counter = { max: Math.max(1, Math.floor(limit.max)), active: 0 }
      this.#counters.set(limit.name, counter)
    }
    return counter
  }
}
