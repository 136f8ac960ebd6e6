// Copy-paste starting point: one OpenTelemetry span per HTTP attempt of every call a client makes,
// wrapped operations and the openapi-fetch client alike. Register your OpenTelemetry SDK as usual; this only uses the API.

import type { Hooks } from '@customer-groups/runtime'
import { type Attributes, type Span, SpanKind, SpanStatusCode, type Tracer, trace } from '@opentelemetry/api'

/** Hooks that open a client span when an attempt is sent and end it when it is answered, retried or fails. */
export function tracingHooks(tracer: Tracer = trace.getTracer('customer-groups')): Hooks {
  // One span per attempt, found again by the call's id and the attempt's number.
  const open = new Map<string, Span>()
  const key = (info: { callId: string; attempt: number }) => `${info.callId}#${info.attempt}`
  const end = (info: { callId: string; attempt: number }, attributes: Attributes, failed?: Error) => {
    const span = open.get(key(info))
    if (span === undefined) return
    open.delete(key(info))
    span.setAttributes(attributes)
    if (failed !== undefined) {
      span.recordException(failed)
      span.setStatus({ code: SpanStatusCode.ERROR, message: failed.name })
    }
    span.end()
  }
  return {
    onRequest(info) {
      const span = tracer.startSpan(`${info.provider}.${info.operation}`, {
        kind: SpanKind.CLIENT,
        attributes: {
          // URL and headers arrive redacted: no credential reaches the trace.
          'http.request.method': info.method,
          'url.full': info.url,
          'customer_groups.call_id': info.callId,
          'http.request.resend_count': info.attempt - 1,
        },
      })
      open.set(key(info), span)
    },
    onResponse(info) {
      const attributes: Attributes = { 'http.response.status_code': info.status }
      if (info.requestId !== undefined) attributes['customer_groups.request_id'] = info.requestId
      const span = open.get(key(info))
      if (info.status >= 400) span?.setStatus({ code: SpanStatusCode.ERROR, message: `HTTP ${info.status}` })
      end(info, attributes)
    },
    onRetry(info) {
      // An attempt that failed before any answer (a timeout, a reset) still has its span open.
      end(info, { 'customer_groups.retry_delay_ms': info.delayMs }, info.error)
    },
    onError(info) {
      end(info, {}, info.error)
    },
  }
}
