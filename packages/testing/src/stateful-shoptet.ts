import { copy, idAfter, nextId, type Shop, type StatefulProvider, type StoredGroup } from './stateful-shop.js'

const problem = (status: number, errorCode: string, message: string, instance: string) => ({
  status,
  body: { data: null, errors: [{ errorCode, message, instance }] },
})

/** Every group, ordered by priority, in the envelope list, create and update answer with. */
const allGroups = (shop: Shop, status: number) => ({
  status,
  body: {
    data: {
      customerGroups: [...shop.groups]
        .sort((a, b) => Number(a.priority ?? Number.MAX_SAFE_INTEGER) - Number(b.priority ?? 0))
        .map(copy),
    },
    errors: null,
  },
})

/**
 * What a creation gives the fields it leaves out: the booleans as the spec's
 * CreateCustomerGroupFields describes them (in prose: OpenAPI 3.0 cannot put
 * a default beside a $ref), null for the nullable rest.
 */
const defaults = {
  description: null,
  defaultPricelistId: null,
  maxDiscount: null,
  emailNotification: false,
  authRequired: false,
  registrationAllowed: true,
  wholesale: false,
  tableLayout: false,
  fullProfileRequired: false,
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
export const statefulShoptet: StatefulProvider = {
  view: (group) => ({
    id: group.id,
    name: String(group.name),
    description: typeof group.description === 'string' ? group.description : null,
  }),

  seed(listExample) {
    const groups = (listExample as { data?: { customerGroups?: unknown } } | undefined)?.data?.customerGroups
    const stored = (Array.isArray(groups) ? groups : []).map(copy) as StoredGroup[]
    const [first] = [...stored].sort((a, b) => Number(a.priority ?? 0) - Number(b.priority ?? 0))
    return { groups: stored, ...(first !== undefined && { defaultId: first.id }) }
  },

  handle({ method, path, body }, shop: Shop) {
    const base = path.replace(/\/+$/, '')
    if (base === '/api/customers/groups') {
      if (method === 'GET') return allGroups(shop, 200)
      if (method !== 'POST') return undefined
      const fields = dataOf(body)
      if (typeof fields.name !== 'string' || fields.name === '')
        return problem(422, 'invalid-request-data', 'The name is required.', 'data.name')
      if (shop.groups.some((group) => group.name === fields.name)) return duplicate(fields.name)
      const group: StoredGroup = {
        id: nextId(shop),
        ...defaults,
        ...fields,
        name: fields.name,
        customerGroupCode: uniqueCode(shop, fields.name),
        priority: shop.groups.reduce((max, other) => Math.max(max, Number(other.priority ?? 0)), 0) + 1,
      }
      shop.groups.push(group)
      return allGroups(shop, 201)
    }
    const id = idAfter(base, '/api/customers/groups/')
    if (id === undefined || (method !== 'PATCH' && method !== 'DELETE')) return undefined
    const group = shop.groups.find((candidate) => candidate.id === id)
    if (group === undefined)
      return problem(404, 'customer-group-not-found', `Customer group with id ${id} does not exist.`, 'id')
    if (method === 'DELETE') {
      if (id === shop.defaultId)
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

function dataOf(body: unknown): Record<string, unknown> {
  const data = (body as { data?: unknown } | undefined)?.data
  return typeof data === 'object' && data !== null && !Array.isArray(data) ? { ...data } : {}
}

function duplicate(name: string) {
  return problem(
    422,
    'invalid-request-data',
    `A customer group named ${JSON.stringify(name)} already exists.`,
    'data.name',
  )
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
