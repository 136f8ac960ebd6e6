import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { loadTestKit, providerIds, specPathOf } from '@customer-groups/registry'
import type {
  GroupView,
  Shop,
  StatefulAnswer,
  StatefulModel,
  StatefulRequest,
  StoredGroup,
} from '@customer-groups/runtime'
import { parse } from 'yaml'
import { listenOnLoopback } from './listen-on-loopback.js'
import { resolveSpec } from './resolve-spec.js'

// How each provider stores groups comes from its own test kit (`<package>/testing`), found through the
// registry: this server knows no provider.

/** A request the in-memory server answered. */
export interface StatefulRequestRecord {
  method: string
  /** Path and query, as received. */
  url: string
  status: number
  /** Which shop it went to: a hash of its credential, never the credential itself. */
  shop: string
}

/** What the client gets instead of the real answer. */
export type LostAnswer =
  /** The connection is destroyed without an answer. */
  | 'reset'
  /** No answer ever comes (until the client gives up or the server closes). */
  | 'hang'
  /** This status, body and headers instead. */
  | { status: number; body?: unknown; headers?: Record<string, string> }

/** A fault of one request: made before the change (nothing changes), or after it (the change is kept). */
export interface StatefulFault {
  when: 'before' | 'after'
  answer: LostAnswer
}

/** A request as the fault rule sees it. */
export interface StatefulFaultRequest {
  method: string
  url: string
  /** The shop's hash, as in the request records. */
  shop: string
  /** Requests this backend received before this one. */
  index: number
}

/** A request that may change a shop (anything but GET), and what it changed. */
export interface StatefulWrite {
  /** The order of writes across the backend, from 1. */
  seq: number
  shop: string
  method: string
  url: string
  /** Groups the request added, changed (before and after) and removed. */
  created: GroupView[]
  updated: { before: GroupView; after: GroupView }[]
  deleted: GroupView[]
  /** What the client was told: the status, or how the answer was lost. */
  answered: number | 'reset' | 'hang'
}

export interface StatefulBackend {
  readonly url: string
  /** The registered provider whose API it models. */
  readonly provider: string
  /** Every request answered, in order. */
  readonly requests: StatefulRequestRecord[]
  /** Every request that may change a shop, in the order they were applied, with what they changed. */
  readonly writes: StatefulWrite[]
  /** The groups of the shop a credential (a bearer token without `Bearer `) opens, in the provider's own shape (a copy). */
  groups(credential: string): Record<string, unknown>[]
  /** The shop's groups as id, name and description. */
  views(credential: string): GroupView[]
  /** The hash a credential's shop has in `requests` and `writes`. */
  shopOf(credential: string): string
  /** Every later request with this credential is answered 401, as the spec's example says. */
  revoke(credential: string): void
  close(): Promise<void>
}

export interface StatefulBackendOptions {
  provider: string
  specPath?: string
  /** How long to wait before answering a request (default: not at all); the change is made at once. */
  delayMs?: (request: { method: string; url: string }) => number
  /**
   * Holds a request's answer until the promise settles (the change is made at
   * once): a test decides when, e.g. after a second process has started.
   */
  gate?: (request: StatefulFaultRequest) => Promise<unknown> | undefined
  /** A fault for a request, or `undefined` to answer it as the API would. */
  fault?: (request: StatefulFaultRequest) => StatefulFault | undefined
  /**
   * A list that lags behind: a group created by a write shows in the shop's
   * list answers only from the `listLag + 1`-th list after its creation
   * (default 0: at once). Counted in lists, not time, so tests do not depend on the clock.
   */
  listLag?: number
}

/**
 * The registered provider whose spec this is: by id, or by a spec file with
 * the same text as the one its package ships (a copy in a repository's specs
 * folder is the same spec).
 */
export function statefulProviderId(provider: string, specPath: string): string {
  if (providerIds().includes(provider)) return provider
  const text = readFileSync(specPath, 'utf8')
  const found = providerIds().find((id) => readFileSync(specPathOf(id), 'utf8') === text)
  if (found !== undefined) return found
  throw new Error(
    `A stateful mock needs a registered provider (${providerIds().join(', ')}); ${specPath} is not the spec of one`,
  )
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

/** The path of the list operation, whose answers a lagging list thins out. */
function listPathOf(spec: Spec): string | undefined {
  for (const [path, item] of Object.entries(spec.paths ?? {})) {
    if (item.get?.operationId === 'listCustomerGroups') return path
  }
  return undefined
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
 * (`startMockServer({ provider, stateful: true })`). For fault tests it can
 * lose answers before or after making a change, revoke a credential, lag its
 * list and answer slowly, and it logs every write with what it changed.
 */
export async function startStatefulBackend(options: StatefulBackendOptions): Promise<StatefulBackend> {
  const specPath = options.specPath ?? resolveSpec(options.provider)
  const id = statefulProviderId(options.provider, specPath)
  const behaviour: StatefulModel = (await loadTestKit(id)).stateful
  const spec = parse(readFileSync(specPath, 'utf8')) as Spec
  const examples = examplesOf(spec)
  const state: BackendState = {
    behaviour,
    options,
    examples,
    listPath: listPathOf(spec),
    headers: credentialHeaders(spec),
    shops: new Map(),
    hidden: new Map(),
    revoked: new Set(),
    requests: [],
    writes: [],
  }
  const server = createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      try {
        answerRequest(state, request, response, Buffer.concat(chunks).toString('utf8'))
      } catch {
        // A bug or a request nobody foresaw costs one answer, never the server (and the CLI running it).
        answerJson(response, 500, { error: 'the stateful mock failed on this request' })
      }
    })
  })
  const { url, close } = await listenOnLoopback(server)
  return {
    url,
    provider: id,
    requests: state.requests,
    writes: state.writes,
    groups: (credential) => structuredClone(shopOf(state, credential).groups),
    views: (credential) => shopOf(state, credential).groups.map((group) => viewOf(behaviour, group)),
    shopOf: hash,
    revoke: (credential) => state.revoked.add(credential),
    close,
  }
}

interface BackendState {
  behaviour: StatefulModel
  options: StatefulBackendOptions
  examples: { list: unknown; unauthorized: unknown }
  listPath: string | undefined
  headers: string[]
  shops: Map<string, Shop>
  /** Per shop: ids of groups the list does not show yet, with the lists still to hide them from. */
  hidden: Map<Shop, Map<StoredGroup['id'], number>>
  revoked: Set<string>
  requests: StatefulRequestRecord[]
  writes: StatefulWrite[]
}

function shopOf(state: BackendState, credential: string): Shop {
  let shop = state.shops.get(credential)
  if (shop === undefined) {
    shop = state.behaviour.seed(state.examples.list)
    state.shops.set(credential, shop)
  }
  return shop
}

function answerRequest(
  state: BackendState,
  request: IncomingMessage,
  response: ServerResponse,
  text: string,
) {
  let url: URL
  try {
    url = new URL(request.url ?? '/', 'http://stateful.invalid')
  } catch {
    answerJson(response, 400, { error: 'the request target is not a valid URL path' })
    return
  }
  const method = request.method ?? 'GET'
  const credential = state.headers
    .map((name) => request.headers[name])
    .find((value): value is string => typeof value === 'string' && value !== '')
    ?.replace(/^Bearer\s+/i, '')
  const shopHash = credential === undefined ? '' : hash(credential)
  const seen: StatefulFaultRequest = {
    method,
    url: request.url ?? '',
    shop: shopHash,
    index: state.requests.length,
  }
  const fault = state.options.fault?.(seen)
  const gate = state.options.gate?.(seen)
  const unauthorized = { status: 401, body: state.examples.unauthorized ?? { error: 'Unauthorized' } }
  let answer: StatefulAnswer | undefined
  let write: StatefulWrite | undefined
  if (credential === undefined || state.revoked.has(credential)) answer = unauthorized
  else if (fault?.when !== 'before') {
    const shop = shopOf(state, credential)
    const before = method === 'GET' ? undefined : snapshot(state, shop)
    answer = handle(state, shop, { method, path: url.pathname, query: url.searchParams, body: parsed(text) })
    if (before !== undefined) {
      write = changes(state, shop, before, { method, url: request.url ?? '', shop: shopHash })
      state.writes.push(write)
    }
  }
  answer ??= { status: 404, body: { error: `No route ${method} ${url.pathname}` } }
  const lost = fault?.answer
  const status = typeof lost === 'object' ? lost.status : lost === undefined ? answer.status : 0
  state.requests.push({ method, url: request.url ?? '', status, shop: shopHash })
  if (write !== undefined) write.answered = typeof lost === 'string' ? lost : status
  if (lost === 'hang') return
  if (lost === 'reset') {
    request.socket.destroy()
    return
  }
  const { body, headers: extra } = typeof lost === 'object' ? { body: undefined, ...lost } : answer
  const send = () => answerJson(response, status, body, extra)
  const delay = state.options.delayMs?.({ method, url: request.url ?? '' }) ?? 0
  const later = () => (delay > 0 ? setTimeout(send, delay) : send())
  if (gate === undefined) later()
  else gate.then(later, later)
}

/** Runs the provider's handler; a list sees only the groups it no longer hides. */
function handle(state: BackendState, shop: Shop, request: StatefulRequest): StatefulAnswer | undefined {
  const hidden = state.hidden.get(shop)
  if (
    request.method !== 'GET' ||
    request.path !== state.listPath ||
    hidden === undefined ||
    hidden.size === 0
  )
    return state.behaviour.handle(request, shop)
  const visible = { ...shop, groups: shop.groups.filter((group) => !hidden.has(group.id)) }
  for (const [id, lists] of hidden) {
    if (lists <= 1) hidden.delete(id)
    else hidden.set(id, lists - 1)
  }
  return state.behaviour.handle(request, visible)
}

function snapshot(state: BackendState, shop: Shop): Map<StoredGroup['id'], GroupView> {
  return new Map(shop.groups.map((group) => [group.id, viewOf(state.behaviour, group)]))
}

/** What a write changed, from the shop before and after; a new group is hidden from the next lists. */
function changes(
  state: BackendState,
  shop: Shop,
  before: Map<StoredGroup['id'], GroupView>,
  request: { method: string; url: string; shop: string },
): StatefulWrite {
  const after = snapshot(state, shop)
  const write: StatefulWrite = {
    seq: state.writes.length + 1,
    ...request,
    created: [],
    updated: [],
    deleted: [],
    answered: 0,
  }
  for (const [id, group] of after) {
    const old = before.get(id)
    if (old === undefined) write.created.push(group)
    else if (JSON.stringify(old) !== JSON.stringify(group)) write.updated.push({ before: old, after: group })
  }
  for (const [id, group] of before) if (!after.has(id)) write.deleted.push(group)
  const lag = state.options.listLag ?? 0
  if (lag > 0 && write.created.length > 0) {
    const hidden = state.hidden.get(shop) ?? new Map<StoredGroup['id'], number>()
    for (const group of write.created) hidden.set(group.id, lag)
    state.hidden.set(shop, hidden)
  }
  return write
}

/** A stored group's id, name and description, read from the fields the model names. */
function viewOf(model: StatefulModel, group: StoredGroup): GroupView {
  const description = model.fields.description === undefined ? null : group[model.fields.description]
  return {
    id: group.id,
    name: String(group[model.fields.name]),
    description: typeof description === 'string' ? description : null,
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

function parsed(text: string): unknown {
  try {
    return text === '' ? undefined : JSON.parse(text)
  } catch {
    return undefined
  }
}

function hash(credential: string): string {
  return createHash('sha256').update(credential).digest('hex').slice(0, 12)
}
