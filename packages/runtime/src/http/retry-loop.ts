import { APIError, APIUserAbortError, type CustomerGroupsError } from '../errors.js'
import { sleep } from './abort.js'
import { type Answered, exchange } from './attempt.js'
import { type CallContext, trailOf } from './call-context.js'
import { attemptInfo, hook } from './observe.js'
import {
  isIdempotent,
  isRetryable,
  isSafeToRepeat,
  maxHonouredRetryAfterMs,
  retryDelayMs,
} from './retry-policy.js'

/** What an attempt ended with, as the loop sees it: a success carrying `Answer`, or an error. */
export type AttemptOutcome<Answer> = ({ ok: true } & Answer) | { ok: false; error: CustomerGroupsError }

/**
 * How long the slot of a request given up on stays taken: the server had
 * `timeoutMs` and gets as long again to finish, at least 1 s and at most 10 s.
 */
export function abandonedSlotGraceMs(timeoutMs: number): number {
  return Math.min(Math.max(timeoutMs, 1_000), 10_000)
}

/**
 * What a call makes of an answer with a 2xx status: the caller's outcome, or
 * why the answer cannot be used. A function of the call's kind, given what it
 * needs as `subject`, not a closure made per call: it runs on every request.
 */
export type Accept<Answer, Subject> = (
  call: CallContext,
  answered: Answered<unknown>,
  attempt: number,
  subject: Subject,
) => AttemptOutcome<Answer>

/**
 * Runs attempts until one succeeds or the retry rule gives up, each inside
 * the client's concurrency limit, waiting between them as the policy says;
 * returns the last attempt's outcome, and leaves how many attempts were made
 * in `call.attempts`.
 */
export async function runAttempts<Answer, Subject>(
  call: CallContext,
  accept: Accept<Answer, Subject>,
  subject: Subject,
): Promise<AttemptOutcome<Answer>> {
  const { signal } = call
  const { limit } = call.pipeline
  if (signal?.aborted) throw new APIUserAbortError({ cause: signal.reason })
  const queued = limit?.acquire(signal)
  if (queued !== undefined) await queued
  let holding = limit !== undefined
  try {
    for (let attempt = 1; ; attempt++) {
      if (limit !== undefined && !holding) {
        try {
          await limit.acquire(signal)
        } catch {
          // Aborted while waiting for a slot to retry: the earlier attempts' outcome stands.
          return aborted(call, attempt - 1)
        }
        holding = true
      }
      call.attempts = attempt
      const exchanged = await exchange(call, attempt)
      const outcome: AttemptOutcome<Answer> = exchanged.ok
        ? accept(call, exchanged, attempt, subject)
        : exchanged
      if (call.abandoned) {
        // The server may still be working on it: the provider counts it until then, so the slot stays taken.
        call.abandoned = false
        if (limit !== undefined && holding) limit.releaseAfter(abandonedSlotGraceMs(call.timeoutMs))
        holding = false
      }
      if (outcome.ok) return outcome
      const delayMs = nextDelay(call, outcome.error, attempt)
      if (delayMs === undefined) return outcome
      try {
        await sleep(delayMs, signal)
      } catch {
        return aborted(call, attempt)
      }
    }
  } finally {
    if (holding) limit?.release()
  }
}

function aborted<Answer>(call: CallContext, attempts: number): AttemptOutcome<Answer> {
  call.attempts = attempts
  const error = new APIUserAbortError({ cause: call.signal?.reason, trail: trailOf(call, attempts) })
  return { ok: false, error }
}

/** The wait before the next attempt, told to logs and hooks; `undefined` when the call stops here. */
function nextDelay(call: CallContext, error: CustomerGroupsError, attempt: number): number | undefined {
  const { pipeline } = call
  if (error.outcome === 'unknown') call.uncertain = true
  const retryAfterMs = APIError.isInstance(error) ? error.retryAfterMs : undefined
  if (!(attempt <= call.maxRetries && retries(call, error, attempt, retryAfterMs))) return undefined
  const delayMs = retryDelayMs(attempt - 1, retryAfterMs, pipeline.random, pipeline.backoff)
  const info = attemptInfo(call, attempt)
  pipeline.logger.info(
    `${pipeline.provider}: ${call.method} ${info.url} attempt ${attempt} failed (${error.name}); retrying in ${Math.round(delayMs)} ms`,
    { ...info, reason: error.name, delayMs: Math.round(delayMs) },
  )
  hook(call, 'onRetry', () => ({ ...info, error, delayMs }))
  return delayMs
}

function retries(
  call: CallContext,
  error: CustomerGroupsError,
  attempt: number,
  retryAfterMs: number | undefined,
): boolean {
  if (APIUserAbortError.isInstance(error)) return false
  const custom = call.shouldRetry?.({ error, attempt })
  if (custom !== undefined) return custom
  // A wait longer than a minute is the provider saying "not now": the error carries it instead.
  if (retryAfterMs !== undefined && retryAfterMs > maxHonouredRetryAfterMs) return false
  // Sent twice, a create makes two groups: only one that provably did not happen is sent again.
  if (!isIdempotent(call.method)) return isSafeToRepeat(error)
  return isRetryable(error, call.pipeline.retryStatuses)
}
