import type { CustomerGroupsError } from '../errors.js'
import { type Redactor, redacted } from '../settings/secrets.js'
import type { CallContext } from './call-context.js'
import type { AttemptInfo, Hooks } from './hooks.js'

/** What logs and hooks are told about an attempt, every value redacted. */
export function attemptInfo(call: CallContext, attempt: number): AttemptInfo {
  return {
    provider: call.pipeline.provider,
    operation: call.operation,
    callId: call.callId,
    attempt,
    method: call.method,
    url: redactUrl(call.url, call.redactor),
    headers: call.redactor.headers(call.headers),
  }
}

/** Calls a hook, if the settings give it; a hook that throws is logged and never fails the call. */
export function hook<Name extends keyof Hooks>(
  call: CallContext,
  name: Name,
  info: () => Parameters<NonNullable<Hooks[Name]>>[0],
): void {
  const { hooks, logger, provider } = call.pipeline
  const handler = hooks?.[name] as ((info: unknown) => void) | undefined
  if (handler === undefined) return
  try {
    handler.call(hooks, info())
  } catch (error) {
    logger.warn(`${provider}: the ${name} hook threw; the call goes on`, { error: describeCause(error) })
  }
}

/** Ends a call with its error, after telling `onError` and the debug log. */
export function fail(call: CallContext, attempts: number, error: CustomerGroupsError): never {
  const { hooks, logger, provider } = call.pipeline
  if (hooks?.onError !== undefined) {
    hook(call, 'onError', () => ({
      ...attemptInfo(call, attempts),
      error,
      elapsedMs: performance.now() - call.started,
    }))
  }
  logger.debug(`${provider}: ${call.operation} failed: ${error.message}`, { callId: call.callId })
  throw error
}

/** A short reason for a network failure; undici hides the useful part in `cause`. */
export function describeCause(error: unknown): string {
  if (!(error instanceof Error)) return String(error)
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : ''
  return `${error.message}${cause}`
}

// Query parameters whose name says they carry a credential.
const secretParameter = /token|secret|password|key|signature|auth/i

function redactUrl(url: string, redactor: Redactor): string {
  const query = url.indexOf('?')
  if (query === -1) return redactor.text(url)
  const params = new URLSearchParams(url.slice(query + 1))
  for (const [name] of params) if (secretParameter.test(name)) params.set(name, redacted)
  return redactor.text(`${url.slice(0, query)}?${params}`)
}
