import { startFaultServer } from '@customer-groups/testing'
import type { Attributes, Span, SpanOptions, SpanStatus, Tracer } from '@opentelemetry/api'
import { describe, expect, it } from 'vitest'
import { tracingHooks } from '../../examples/trace-requests.js'
import { apiOf, createClient, providerNames, secretOf, successBodyOf, updateOnce } from './providers.js'

interface RecordedSpan {
  name: string
  attributes: Attributes
  status?: SpanStatus
  exceptions: string[]
  ended: boolean
}

/** A tracer that keeps its spans, as an OpenTelemetry SDK's in-memory exporter would. */
function recordingTracer(): { tracer: Tracer; spans: RecordedSpan[] } {
  const spans: RecordedSpan[] = []
  const tracer = {
    startSpan(name: string, options?: SpanOptions): Span {
      const recorded: RecordedSpan = {
        name,
        attributes: { ...options?.attributes },
        exceptions: [],
        ended: false,
      }
      spans.push(recorded)
      const span = {
        setAttributes: (attributes: Attributes) => {
          Object.assign(recorded.attributes, attributes)
          return span
        },
        setStatus: (status: SpanStatus) => {
          recorded.status = status
          return span
        },
        recordException: (exception: Error) => {
          recorded.exceptions.push(exception.name)
        },
        end: () => {
          recorded.ended = true
        },
      }
      return span as unknown as Span
    },
  }
  return { tracer: tracer as unknown as Tracer, spans }
}

describe.each(providerNames)('%s: the tracing example', (provider) => {
  it('records one ended span per attempt, with status, retry and no credential', async () => {
    const server = await startFaultServer({
      faults: [{ status: 503, body: { error: 'busy' }, headers: { 'retry-after-ms': '1' } }, { reset: true }],
      afterwards: { status: 200, body: successBodyOf(provider), headers: { 'x-request-id': 'req-5' } },
    })
    try {
      const { tracer, spans } = recordingTracer()
      await updateOnce(provider, {
        baseUrl: server.url,
        hooks: tracingHooks(tracer),
        maxRetries: 3,
        retry: { initialDelayMs: 1 },
      })
      expect(
        spans.map((span) => [span.name, span.attributes['http.response.status_code'], span.ended]),
      ).toEqual([
        [`${provider}.updateCustomerGroup`, 503, true],
        [`${provider}.updateCustomerGroup`, undefined, true],
        [`${provider}.updateCustomerGroup`, 200, true],
      ])
      expect(spans.map((span) => span.attributes['http.request.resend_count'])).toEqual([0, 1, 2])
      expect(spans[0]?.status).toMatchObject({ message: 'HTTP 503' })
      expect(spans[1]?.exceptions).toEqual(['APIConnectionError'])
      expect(new Set(spans.map((span) => span.attributes['customer_groups.call_id'])).size).toBe(1)
      expect(JSON.stringify(spans)).not.toContain(secretOf(provider))
    } finally {
      await server.close()
    }
  })

  it('traces client.api too', async () => {
    const server = await startFaultServer({ faults: [], afterwards: { status: 200, body: {} } })
    try {
      const { tracer, spans } = recordingTracer()
      const client = createClient(provider, { baseUrl: server.url, hooks: tracingHooks(tracer) })
      await (apiOf(client) as { GET: (path: string) => Promise<unknown> }).GET('/anything')
      expect(spans.map((span) => span.name)).toEqual([`${provider}.api`])
    } finally {
      await server.close()
    }
  })
})
