import { createHash } from 'node:crypto'
import { readFileSync, realpathSync } from 'node:fs'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { basename, dirname } from 'node:path'
import { findProvider, type ProviderId, providers } from '@customer-groups/registry'
import { parse } from 'yaml'
import { listenOnLoopback } from './listen-on-loopback.js'
import { resolveSpec } from './resolve-spec.js'
import type { Shop, StatefulProvider } from './stateful-shop.js'
import { statefulShoptet } from './stateful-shoptet.js'
import { statefulXtrakit } from './stateful-xtrakit.js'

// How each registered provider stores groups; the type makes a new registry entry a compile error here.
const statefulProviders = {
  xtrakit: statefulXtrakit,
  shoptet: statefulShoptet,
} as const satisfies Record<ProviderId, StatefulProvider>

/** A request the in-memory server answered. */
export interface StatefulRequestRecord {
  method: string
  /** Path and query, as received. */
  url: string
  status: number
  /** Which shop it went to: a hash of its credential, never the credential itself. */
  shop: string
}

export interface StatefulBackend {
  readonly url: string
  readonly provider: ProviderId
  /** Every request answered, in order. */
  readonly requests: StatefulRequestRecord[]
  /** The groups of the shop a credential (a bearer token without `Bearer `) opens, in the provider's own shape (a copy). */
  groups(credential: string): Record<string, unknown>[]
  close(): Promise<void>
}

/** The registered provider whose spec this is: by id, by the registry's spec file name, or by the installed package's spec. */
export function statefulProviderId(provider: string, specPath: string): ProviderId {
  const byId = findProvider(provider)
  if (byId !== undefined) return byId.id
  const real = safeRealpath(specPath)
  for (const entry of providers) {
    if (basename(specPath) === entry.specFile) return entry.id
    if (basename(specPath) === 'openapi.yaml' && basename(dirname(real)) === entry.id) return entry.id
    try {
      if (safeRealpath(resolveSpec(entry.id)) === real) return entry.id
    } catch {
      // That provider's package is not installed here.
    }
  }
  throw new Error(
    `A stateful mock needs a registered provider (${providers.map((entry) => entry.id).join(', ')}); ${specPath} is not the spec of one`,
  )
}

function safeRealpath(path: string): string {
  try {
    return realpathSync(path)
  } catch {
    return path
  }
}

type Spec = {
  paths?: Record<string, Record<string, { operationId?: string; responses?: Record<string, Response> }>>
  components?: { securitySchemes?: Record<string, { type?: string; in?: string; name?: string }> }
}
type Response = { content?: Record<string, { examples?: Record<string, { value?: unknown }> }> }

/** The node a local `$ref` (`#/components/...`) points to, followed until it is not a reference. */
function deref<Node>(spec: Spec, node: Node | undefined): Node | undefined {
  let current: unknown = node
  for (let hops = 0; hops < 20; hops++) {
    const ref = (current as { $ref?: unknown } | undefined)?.$ref
    if (typeof ref !== 'string' || !ref.startsWith('#/')) break
    current = ref
      .slice(2)
      .split('/')
      .reduce<unknown>(
        (at, key) =>
          (at as Record<string, unknown> | undefined)?.[key.replace(/~1/g, '/').replace(/~0/g, '~')],
        spec,
      )
  }
  return current as Node | undefined
}

/** The first example of the list operation's 200 and 401 answers: the seed, and the answer without credentials. */
function examplesOf(spec: Spec): { list: unknown; unauthorized: unknown } {
  for (const item of Object.values(spec.paths ?? {})) {
    const list = item.get
    if (list?.operationId !== 'listCustomerGroups') continue
    const first = (response: Response | undefined) => {
      const examples = deref(spec, response)?.content?.['application/json']?.examples ?? {}
      const [example] = Object.values(examples)
      return deref(spec, example)?.value
    }
    return { list: first(list.responses?.['200']), unauthorized: first(list.responses?.['401']) }
  }
  return { list: undefined, unauthorized: undefined }
}

/** The headers that carry a credential, from the spec's security schemes. */
function credentialHeaders(spec: Spec): string[] {
  return Object.values(spec.components?.securitySchemes ?? {}).flatMap((scheme) => {
    if (scheme.type === 'http') return ['authorization']
    if (scheme.type === 'apiKey' && scheme.in === 'header' && scheme.name !== undefined)
      return [scheme.name.toLowerCase()]
    return []
  })
}

/**
 * An HTTP server on 127.0.0.1 (free port) that keeps each shop's groups in
 * memory and changes them as the provider's API would. A shop is opened by
 * its credential and starts with the groups of the spec's list example, so
 * tests with their own token never see each other's changes. It checks
 * nothing the spec checks: put Prism in front of it for that
 * (`startMockServer({ provider, stateful: true })`).
 */
export async function startStatefulBackend(options: {
  provider: string
  specPath?: string
  /** How long to wait before answering a request (default: not at all); the change is made at once. */
  delayMs?: (request: { method: string; url: string }) => number
}): Promise<StatefulBackend> {
  const specPath = options.specPath ?? resolveSpec(options.provider)
  const id = statefulProviderId(options.provider, specPath)
  const behaviour: StatefulProvider = statefulProviders[id]
  const spec = parse(readFileSync(specPath, 'utf8')) as Spec
  const examples = examplesOf(spec)
  const headers = credentialHeaders(spec)
  const shops = new Map<string, Shop>()
  const shopOf = (credential: string) => {
    let shop = shops.get(credential)
    if (shop === undefined) {
      shop = behaviour.seed(examples.list)
      shops.set(credential, shop)
    }
    return shop
  }
  const requests: StatefulRequestRecord[] = []

  const server = createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      try {
        handle(request, response, Buffer.concat(chunks).toString('utf8'))
      } catch {
        // A bug or a request nobody foresaw costs one answer, never the server (and the CLI running it).
        answerJson(response, 500, { error: 'the stateful mock failed on this request' })
      }
    })
  })

  function handle(request: IncomingMessage, response: ServerResponse, text: string): void {
    let url: URL
    try {
      url = new URL(request.url ?? '/', 'http://stateful.invalid')
    } catch {
      answerJson(response, 400, { error: 'the request target is not a valid URL path' })
      return
    }
    const credential = headers
      .map((name) => request.headers[name])
      .find((value): value is string => typeof value === 'string' && value !== '')
      ?.replace(/^Bearer\s+/i, '')
    let answer: { status: number; body: unknown; headers?: Record<string, string> } | undefined
    if (credential === undefined)
      answer = { status: 401, body: examples.unauthorized ?? { error: 'Unauthorized' } }
    else {
      let body: unknown
      try {
        body = text === '' ? undefined : JSON.parse(text)
      } catch {
        body = undefined
      }
      answer = behaviour.handle(
        { method: request.method ?? 'GET', path: url.pathname, query: url.searchParams, body },
        shopOf(credential),
      )
    }
    answer ??= { status: 404, body: { error: `No route ${request.method} ${url.pathname}` } }
    requests.push({
      method: request.method ?? '',
      url: request.url ?? '',
      status: answer.status,
      shop: credential === undefined ? '' : hash(credential),
    })
    const { status, body, headers: extra } = answer
    const send = () => answerJson(response, status, body, extra)
    const delay = options.delayMs?.({ method: request.method ?? '', url: request.url ?? '' }) ?? 0
    if (delay > 0) setTimeout(send, delay)
    else send()
  }
  const { url, close } = await listenOnLoopback(server)
  return {
    url,
    provider: id,
    requests,
    groups: (credential) => structuredClone(shopOf(credential).groups),
    close,
  }
}

function answerJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  if (response.destroyed || response.headersSent) return
  response.writeHead(status, { 'content-type': 'application/json', ...headers })
  response.end(JSON.stringify(body))
}

function hash(credential: string): string {
  return createHash('sha256').update(credential).digest('hex').slice(0, 12)
}
