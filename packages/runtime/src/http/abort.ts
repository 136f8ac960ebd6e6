import { APIUserAbortError } from '../errors.js'

/**
 * One 'abort' listener per caller signal, however many calls share it: a
 * signal shared by more than ten calls would otherwise print Node's
 * MaxListenersExceededWarning, and each call adding its own is wasted work.
 */
const subscribers = new WeakMap<AbortSignal, Set<() => void>>()

/** Runs `listener` once when `signal` aborts; returns the function that cancels that. */
export function onAbort(signal: AbortSignal, listener: () => void): () => void {
  let listeners = subscribers.get(signal)
  if (listeners === undefined) {
    const set = new Set<() => void>()
    listeners = set
    subscribers.set(signal, set)
    signal.addEventListener(
      'abort',
      () => {
        subscribers.delete(signal)
        for (const each of set) each()
      },
      { once: true },
    )
  }
  listeners.add(listener)
  const set = listeners
  return () => {
    set.delete(listener)
  }
}

/** Waits `ms`, or rejects with `APIUserAbortError` the moment `signal` aborts; leaves no timer behind. */
export function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new APIUserAbortError({ cause: signal.reason }))
      return
    }
    const stop =
      signal === undefined
        ? undefined
        : onAbort(signal, () => {
            clearTimeout(timer)
            reject(new APIUserAbortError({ cause: signal.reason }))
          })
    const timer = setTimeout(() => {
      stop?.()
      resolve()
    }, ms)
  })
}
