// The client a user assembles from openapi-fetch and ky: retries with backoff that honour
// Retry-After, a timeout per attempt, hooks, and typed errors; the request and each answer go
// through the validators of whichever schema library the assembly uses.
import ky, { type Hooks } from 'ky'
import createClient, { type Client } from 'openapi-fetch'
import { connectionError, errorFor, ValidationError } from './errors.js'

export interface AssemblySettings {
  baseUrl: string
  /** The credential header, e.g. `{ Authorization: 'Bearer …' }`. */
  headers: Record<string, string>
  timeoutMs?: number
  maxRetries?: number
  hooks?: Hooks
  fetch?: typeof fetch
}

export function createAssemblyClient(settings: AssemblySettings): Client<Record<string, never>> {
  const http = ky.create({
    timeout: settings.timeoutMs ?? 60_000,
    retry: {
      limit: settings.maxRetries ?? 2,
      methods: ['get', 'put', 'patch', 'post', 'delete'],
      statusCodes: [408, 409, 429, 500, 502, 503, 504],
      afterStatusCodes: [413, 429, 503],
      maxRetryAfter: 60_000,
    },
    throwHttpErrors: false,
    ...(settings.hooks && { hooks: settings.hooks }),
    ...(settings.fetch && { fetch: settings.fetch }),
  })
  return createClient({
    baseUrl: settings.baseUrl,
    headers: settings.headers,
    fetch: (request) => http(request),
  })
}

export interface RequestParts {
  path?: Record<string, unknown>
  query?: Record<string, unknown>
  body?: unknown
}

/** A validator: the value when it is valid, else an exception. */
export type Validate = (value: unknown) => unknown

export async function send(
  client: Client<Record<string, never>>,
  method: 'GET' | 'PUT' | 'POST' | 'PATCH' | 'DELETE',
  path: string,
  request: RequestParts,
  validateRequest: Validate,
  validateResponse: Record<number, Validate | null>,
): Promise<unknown> {
  validateRequest(request)
  let result: { data?: unknown; error?: unknown; response: Response }
  try {
    result = await (client.request as (...args: unknown[]) => Promise<typeof result>)(method, path, {
      params: { path: request.path, query: request.query },
      body: request.body,
    })
  } catch (error) {
    throw connectionError(error)
  }
  const { response } = result
  if (!response.ok) throw errorFor(response, result.error)
  const validate = validateResponse[response.status]
  if (validate === undefined) throw new ValidationError(`status ${response.status} is not in the spec`)
  return validate === null ? undefined : validate(result.data)
}
