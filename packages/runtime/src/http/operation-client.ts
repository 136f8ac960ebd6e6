import {
  type Client,
  createFinalURL,
  createQuerySerializer,
  defaultBodySerializer,
  defaultPathSerializer,
} from 'openapi-fetch'

/** What the pipeline passes on each attempt, spread into the provider's call. */
export interface AttemptInit {
  baseUrl: string
  /** Every header of the attempt, names lower-cased, so none is sent twice. */
  headers: Record<string, string>
  signal: AbortSignal
}

/** The options of one call as the operation client reads them; openapi-fetch's types check them. */
interface OperationOptions extends AttemptInit {
  params?: {
    path?: Record<string, unknown>
    query?: Record<string, unknown>
    header?: Record<string, unknown>
  }
  body?: unknown
}

const methods = ['GET', 'PUT', 'POST', 'DELETE', 'OPTIONS', 'HEAD', 'PATCH', 'TRACE'] as const
const querySerializer = createQuerySerializer()

/**
 * The client a provider's call receives: typed as openapi-fetch's client and
 * building the URL and body with openapi-fetch's own serializers, so it sends
 * what `createClient` would, but as one `fetch(url, init)` with a plain header
 * record. openapi-fetch's default path builds two `Headers` and a `Request`
 * per call, about a tenth of a loopback round trip; the pipeline reads the
 * response itself, so the result holds only the `Response`.
 */
export function createOperationClient<Paths extends {}>(
  send: (url: string, init: RequestInit) => Promise<Response>,
): Client<Paths> {
  function request(method: string, path: string, options: OperationOptions): Promise<{ response: Response }> {
    const { baseUrl, params = {}, body, signal } = options
    const headers =
      params.header === undefined ? options.headers : withHeaderParams(options.headers, params.header)
    const url = createFinalURL(path, {
      baseUrl,
      params,
      querySerializer,
      pathSerializer: defaultPathSerializer,
    })
    const init: RequestInit = { method, headers, signal }
    if (body !== undefined) {
      // Both providers' operations take JSON; openapi-fetch's default serializer writes it.
      init.body = defaultBodySerializer(body)
      // openapi-fetch's lowest-priority default; the caller's own content-type wins.
      if (headers['content-type'] === undefined)
        init.headers = { 'content-type': 'application/json', ...headers }
    }
    return send(url, init).then((response) => ({ response }))
  }
  const client: Record<string, unknown> = {}
  for (const method of methods) {
    client[method] = (path: string, options: OperationOptions) => request(method, path, options)
  }
  return client as unknown as Client<Paths>
}

/** Header parameters from the spec win over other headers, as openapi-fetch merges them. */
function withHeaderParams(
  headers: Record<string, string>,
  params: Record<string, unknown>,
): Record<string, string> {
  const merged = { ...headers }
  for (const [name, value] of Object.entries(params)) {
    if (value === undefined || value === null) continue
    merged[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value)
  }
  return merged
}
