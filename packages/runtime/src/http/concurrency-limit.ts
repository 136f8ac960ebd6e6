import { APIUserAbortError } from '../errors.js'
import { onAbort } from './abort.js'

/** A counting semaphore: at most `limit` holders at once, the rest wait in order. */
export class ConcurrencyLimit {
  readonly #limit: number
  #active = 0
  readonly #waiting: (() => void)[] = []

  constructor(limit: number) {
    this.#limit = limit
  }

  /**
   * Takes a slot: at once, returning `undefined`, when one is free; otherwise
   * returns a promise that settles when one is. A free slot costs no promise.
   */
  acquire(signal: AbortSignal | undefined): Promise<void> | undefined {
    if (this.#active < this.#limit) {
      this.#active++
      return undefined
    }
    return new Promise<void>((resolve, reject) => {
      const grant = () => {
        stop?.()
        resolve()
      }
      const stop =
        signal === undefined
          ? undefined
          : onAbort(signal, () => {
              this.#waiting.splice(this.#waiting.indexOf(grant), 1)
              reject(new APIUserAbortError({ cause: signal.reason }))
            })
      this.#waiting.push(grant)
    })
  }

  /**
   * Releases a slot after `ms`: for a request given up on (timed out or
   * aborted) that the server may still be working on. The timer does not keep
   * the process alive.
   */
  releaseAfter(ms: number): void {
    const timer = setTimeout(() => this.release(), ms)
    timer.unref?.()
  }

  release(): void {
    const next = this.#waiting.shift()
    if (next === undefined) this.#active--
    else next()
  }
}
