/**
 * What openapi-fetch builds instead of a `Request` on the pipeline's own calls.
 * Constructing a `Request` and then fetching it costs about 15 % of a loopback
 * round trip, since fetch builds its own Request again; this keeps the URL and
 * init so the transport can call `fetch(url, init)` once.
 */
export class LightRequest {
  readonly url: string
  readonly method: string
  readonly init: RequestInit

  constructor(url: string, init: RequestInit) {
    this.url = url
    this.init = init
    this.method = init.method ?? 'GET'
  }

  /** A real `Request`, for a caller-supplied fetch that expects one. */
  toRequest(): Request {
    return new Request(this.url, this.init)
  }
}
