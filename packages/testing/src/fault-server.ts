import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { listenOnLoopback } from './listen-on-loopback.js'

/** One scripted answer of the fault server. */
export type Fault =
  /** Answer with this status, JSON body (an object) or raw text, and headers, after `delayMs`. */
  | { status: number; body?: unknown; headers?: Record<string, string>; delayMs?: number }
  /** Destroy the connection without answering. */
  | { reset: true }
  /** Never answer; the socket is closed when the server closes. */
  | { hang: true }

export interface FaultRequest {
  method: string
  url: string
  headers: IncomingMessage['headers']
  body: string
  /** `performance.now()` when the request arrived, for measuring waits between retries. */
  at: number
}

export interface FaultServer {
  readonly url: string
  /** Every request received, in order. */
  readonly requests: FaultRequest[]
  close(): Promise<void>
}

export interface FaultServerOptions {
  /** Answers for the first requests, in order. */
  faults: Fault[]
  /** The answer once `faults` is used up (default: 500). */
  afterwards?: Fault
  /** Answers computed from the request, once `faults` is used up; `undefined` falls back to `afterwards`. */
  respond?: (request: FaultRequest) => Fault | undefined
  /** Requests answered at most; later ones are reset, so a retry loop cannot run away (default 100). */
  maxRequests?: number
}

/** An HTTP server on 127.0.0.1 (free port) that answers with scripted faults, for reliability tests. */
export async function startFaultServer(options: FaultServerOptions): Promise<FaultServer> {
  const queue = [...options.faults]
  const fallback = options.afterwards ?? {
    status: 500,
    body: { error: 'fault server: no more faults scripted' },
  }
  const maxRequests = options.maxRequests ?? 100
  const requests: FaultRequest[] = []

  const server = createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      const recorded: FaultRequest = {
        method: request.method ?? '',
        url: request.url ?? '',
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        at: performance.now(),
      }
      requests.push(recorded)
      const fault: Fault =
        requests.length > maxRequests
          ? { reset: true }
          : (queue.shift() ?? options.respond?.(recorded) ?? fallback)
      answer(fault, request, response)
    })
  })
  const { url, close } = await listenOnLoopback(server)
  return {
    url,
    requests,
    close,
  }
}

function answer(fault: Fault, request: IncomingMessage, response: ServerResponse): void {
  if ('reset' in fault) {
    request.socket.destroy()
    return
  }
  if ('hang' in fault) return
  const text =
    typeof fault.body === 'string' ? fault.body : fault.body === undefined ? '' : JSON.stringify(fault.body)
  const contentType =
    typeof fault.body === 'string' || fault.body === undefined ? 'text/plain' : 'application/json'
  const send = () => {
    // The server may have closed while this answer waited.
    if (response.destroyed) return
    response.writeHead(fault.status, { 'content-type': contentType, ...fault.headers })
    response.end(text)
  }
  if (fault.delayMs === undefined) send()
  else setTimeout(send, fault.delayMs)
}
