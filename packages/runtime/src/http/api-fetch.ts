import { type APIError, InvalidArgumentError } from '../errors.js'
import type { Transport } from './transport.js'

/** openapi-fetch builds absolute URLs from this; the pipeline swaps in the base URL of the moment. */
export const apiBaseUrl = 'http://customer-groups.invalid'

/**
 * `fetch` for openapi-fetch: the transport's pipeline, answering with a
 * `Response` whatever the status, as openapi-fetch expects. It takes requests
 * built on `apiBaseUrl` only; their headers are checked as a call's own
 * headers are, and never replace the credential.
 */
export async function apiFetch(transport: Transport<object, unknown>, request: Request): Promise<Response> {
  if (!request.url.startsWith(`${apiBaseUrl}/`)) {
    throw new InvalidArgumentError(`${transport.providerId}.api`, [
      {
        field: 'baseUrl',
        code: 'invalid-url',
        message: "the openapi-fetch client sends only to the client's base URL",
      },
    ])
  }
  let headers: Record<string, string> | undefined
  for (const [name, value] of request.headers) {
    headers ??= {}
    headers[name] = value
  }
  // Read once, so every retry sends the same bytes.
  const body = request.body === null ? undefined : await request.arrayBuffer()
  const answer = await transport.sendRaw(
    { operation: 'api', method: request.method, path: request.url.slice(apiBaseUrl.length), body },
    headers === undefined ? { signal: request.signal } : { signal: request.signal, headers },
  )
  if (answer.ok) return rebuilt(answer.response, answer.text)
  // Like openapi-fetch itself: an error status is an answer ({ error }), anything else throws.
  return errorResponse(answer.error)
}

/** The same status and headers around a body already read. */
function rebuilt(response: Response, text: string): Response {
  const empty = response.status === 204 || response.status === 205 || response.status === 304
  return new Response(empty ? null : text, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  })
}

/** An error status as openapi-fetch reads it: its body (masked, parsed when it was JSON) and redacted headers. */
function errorResponse(error: APIError): Response {
  const json = typeof error.body !== 'string'
  return new Response(json ? JSON.stringify(error.body ?? null) : error.body, {
    status: error.status,
    headers: { ...error.headers, 'content-type': json ? 'application/json' : 'text/plain' },
  })
}
