// Shoptet's test kit (`@customer-groups/shoptet/testing`): a model of its API for the stateful mock,
// bodies shaped as its spec defines them, and its error envelope built from the spec's own example.
import type {
  FixtureGroup,
  ProviderTestKit,
  Shop,
  StatefulAnswer,
  StatefulModel,
  StoredGroup,
} from '@customer-groups/runtime'
import { errorExamples } from './generated/error-examples.js'
import { shoptetFacade } from './shoptet-operations.js'

const problem = (status: number, errorCode: string, message: string, instance: string): StatefulAnswer => ({
  status,
  body: { data: null, errors: [{ errorCode, message, instance }] },
})

/** Every group, ordered by priority, in the envelope list, create and update answer with. */
const allGroups = (shop: Shop, status: number): StatefulAnswer => ({
  status,
  body: {
    data: {
      customerGroups: [...shop.groups]
        .sort((a, b) => Number(a.priority ?? Number.MAX_SAFE_INTEGER) - Number(b.priority ?? 0))
        .map((group) => structuredClone(group)),
    },
    errors: null,
  },
})

/**
 * What a creation gives the fields it leaves out: the booleans as the spec's
 * CreateCustomerGroupFields describes them (in prose: OpenAPI 3.0 cannot put
 * a default beside a $ref), null for the nullable rest.
 */
const settings = {
  emailNotification: false,
  authRequired: false,
  registrationAllowed: true,
  wholesale: false,
  tableLayout: false,
  fullProfileRequired: false,
}
const defaults = {
  description: null,
  defaultPricelistId: null,
  maxDiscount: null,
  ...settings,
  defaultDueDays: null,
  defaultOrderStatusId: null,
}

/**
 * Shoptet as its spec describes it: create and update answer with every
 * group; names are unique in a shop (compared exactly); the shop's default
 * group (the first of the list example, by priority) cannot be deleted and
 * answers 422 `customer-group-delete-blocked`. The mock shop has the Wholesale
 * module, so wholesale settings are stored as given.
 */
export const statefulShoptet: StatefulModel = {
  fields: shoptetFacade.fields,

  seed(listExample) {
    const groups = (listExample as { data?: { customerGroups?: unknown } } | undefined)?.data?.customerGroups
    const stored = structuredClone(Array.isArray(groups) ? groups : []) as StoredGroup[]
    const [first] = [...stored].sort((a, b) => Number(a.priority ?? 0) - Number(b.priority ?? 0))
    return { groups: stored, ...(first !== undefined && { defaultId: first.id }) }
  },

  handle({ method, path, body }, shop: Shop) {
    const base = path.replace(/\/+$/, '')
    if (base === '/api/customers/groups') {
      if (method === 'GET') return allGroups(shop, 200)
      return method === 'POST' ? create(shop, body) : undefined
    }
    const id = /^\/api\/customers\/groups\/([1-9][0-9]{0,8})$/.exec(base)?.[1]
    if (id === undefined || (method !== 'PATCH' && method !== 'DELETE')) return undefined
    const group = shop.groups.find((candidate) => candidate.id === Number(id))
    if (group === undefined)
      return problem(404, 'customer-group-not-found', `Customer group with id ${id} does not exist.`, 'id')
    if (method === 'DELETE') {
      if (group.id === shop.defaultId)
        return problem(
          422,
          'customer-group-delete-blocked',
          'The default customer group cannot be deleted.',
          'id',
        )
      shop.groups.splice(shop.groups.indexOf(group), 1)
      return { status: 200, body: { data: null, errors: null } }
    }
    const fields = dataOf(body)
    if (
      typeof fields.name === 'string' &&
      shop.groups.some((other) => other !== group && other.name === fields.name)
    )
      return duplicate(fields.name)
    Object.assign(group, fields)
    return allGroups(shop, 200)
  },
}

function create(shop: Shop, body: unknown): StatefulAnswer {
  const fields = dataOf(body)
  if (typeof fields.name !== 'string' || fields.name === '')
    return problem(422, 'invalid-request-data', 'The name is required.', 'data.name')
  if (shop.groups.some((group) => group.name === fields.name)) return duplicate(fields.name)
  shop.groups.push({
    id: shop.groups.reduce((max, group) => Math.max(max, Number(group.id)), 0) + 1,
    ...defaults,
    ...fields,
    name: fields.name,
    customerGroupCode: uniqueCode(shop, fields.name),
    priority: shop.groups.reduce((max, other) => Math.max(max, Number(other.priority ?? 0)), 0) + 1,
  })
  return allGroups(shop, 201)
}

function dataOf(body: unknown): Record<string, unknown> {
  const data = (body as { data?: unknown } | undefined)?.data
  return typeof data === 'object' && data !== null && !Array.isArray(data) ? { ...data } : {}
}

function duplicate(name: string): StatefulAnswer {
  const message = `A customer group named ${JSON.stringify(name)} already exists.`
  return problem(422, 'invalid-request-data', message, 'data.name')
}

/** `VIP customers` → `vip-customers`, numbered when another group has it. */
function uniqueCode(shop: Shop, name: string): string {
  const base =
    name
      .normalize('NFKD')
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-|-$/g, '')
      .toLowerCase() || 'group'
  let code = base
  for (let number = 2; shop.groups.some((group) => group.customerGroupCode === code); number++)
    code = `${base}-${number}`
  return code
}

/** A Shoptet customer group with every field its spec requires; pass what your test cares about. */
export function shoptetCustomerGroup(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 7,
    name: 'VIP',
    customerGroupCode: null,
    description: null,
    defaultPricelistId: null,
    maxDiscount: null,
    priority: null,
    ...settings,
    ...overrides,
  }
}

/** Shoptet's answer to an update: every group of the shop, and non-fatal errors or null. */
export function shoptetUpdateResponse(
  groups: Record<string, unknown>[] = [shoptetCustomerGroup()],
  errors: { errorCode: string; message: string; instance: string }[] | null = null,
): { data: { customerGroups: Record<string, unknown>[] }; errors: typeof errors } {
  return { data: { customerGroups: groups }, errors }
}

const asShoptetGroup = ({ id, name, description }: FixtureGroup): Record<string, unknown> =>
  shoptetCustomerGroup({ id: Number(id), name, ...(description !== undefined && { description }) })

/** Shoptet for the suites that run over every registered provider. */
export const testKit: ProviderTestKit = {
  stateful: statefulShoptet,
  // The spec's example of that status (else its validation example), `{ data, errors: [{ errorCode,
  // message, instance }] }`, saying `message`.
  errorBody: (message, status) => {
    const example = errorExamples[String(status) as keyof typeof errorExamples] ?? errorExamples[422]
    return { ...example, errors: example.errors.map((error) => ({ ...error, message })).slice(0, 1) }
  },
  groupFields: (body) => {
    const { name, description } = dataOf(body)
    return { name, description }
  },
  fixtureId: (n) => String(n),
  group: asShoptetGroup,
  updateAnswer: (group) => shoptetUpdateResponse([asShoptetGroup(group)]),
}
