// What a mock server is and how to start one: the types every way of starting one shares.

export interface StartMockServerOptions {
  /** A registered provider's id (its installed package ships the spec), or the path of an OpenAPI file. */
  provider: string
  /** Validate requests and responses against the spec, answering 4xx/422 or 500 on violations (default true). */
  errors?: boolean | undefined
  /** Port to listen on (default: a free one). */
  port?: number | undefined
  /** Interface to listen on (default 127.0.0.1). */
  host?: string | undefined
  /**
   * Longest wait for Prism to start and answer its first request, in milliseconds (default 120 000):
   * a second or two on a quiet machine, far longer on a busy CI runner; a spec Prism cannot load
   * fails at once instead.
   */
  startTimeoutMs?: number | undefined
  /**
   * Keep each shop's groups in memory and change them as the API would
   * (default false: Prism answers with the spec's examples). Prism still
   * checks every request and answer against the spec, as a proxy.
   */
  stateful?: boolean | undefined
}

export interface MockServer {
  /** Base URL to give a client, e.g. `http://127.0.0.1:41234`. */
  readonly url: string
  readonly port: number
  readonly specPath: string
  /** Process id of the Prism server. */
  readonly pid: number | undefined
  /** Stops Prism and waits until its process has exited. */
  close(): Promise<void>
}
