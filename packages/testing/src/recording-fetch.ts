/** A request as the fake `fetch` saw it, with the body already read. */
export interface RecordedRequest {
  method: string
  url: URL
  headers: Headers
  body: string
}

export type Responder = (request: RecordedRequest, index: number) => Response | Promise<Response>

/**
 * A `fetch` for unit tests: records every request and answers with `respond`.
 * Pass it as a client's `fetch` setting; nothing touches the network.
 */
export function recordingFetch(respond: Responder): {
  fetch: (input: string | URL | Request, init?: RequestInit) => Promise<Response>
  requests: RecordedRequest[]
} {
  const requests: RecordedRequest[] = []
  return {
    requests,
    async fetch(input, init) {
      const request = new Request(input, init)
      const recorded: RecordedRequest = {
        method: request.method,
        url: new URL(request.url),
        headers: new Headers(request.headers),
        body: await request.text(),
      }
      requests.push(recorded)
      return respond(recorded, requests.length - 1)
    },
  }
}

/** A JSON response, as a provider would send it. */
export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  })
}
