import { copy, idAfter, nextId, type Shop, type StatefulProvider, type StoredGroup } from './stateful-shop.js'

/** `YYYY-MM-DD HH:mm:ss`, as Xtrakit writes its dates. */
function timestamp(date = new Date()): string {
  return date.toISOString().slice(0, 19).replace('T', ' ')
}

const error = (status: number, message: string) => ({ status, body: { status, error: message } })

/**
 * Xtrakit as its spec describes it: groups answered in `{ status, message,
 * data }` envelopes; an edit replaces the name and the description (a
 * description left out is cleared); names need not be unique; no deletion.
 */
export const statefulXtrakit: StatefulProvider = {
  view: (group) => ({
    id: group.id,
    name: String(group.group_name),
    description: typeof group.group_description === 'string' ? group.group_description : null,
  }),

  seed(listExample) {
    const groups = (listExample as { data?: { groups?: unknown } } | undefined)?.data?.groups
    return { groups: (Array.isArray(groups) ? groups : [groups]).filter(Boolean).map(copy) as StoredGroup[] }
  },

  handle({ method, path, query, body }, shop: Shop) {
    const base = path.replace(/\/+$/, '')
    if (base === '/customer-groups' && method === 'GET') {
      const groups = shop.groups.filter((group) => matches(group, query)).map(copy)
      return {
        status: 200,
        body: { status: 200, message: `Groups found: ${groups.length}`, data: { groups } },
      }
    }
    if (base === '/customer-groups/add' && method === 'POST') {
      const fields = fieldsOf(body)
      if (fields === undefined) return error(422, 'The group name field is required.')
      const [sample] = shop.groups
      const now = timestamp()
      const group: StoredGroup = {
        id: nextId(shop),
        ...(typeof sample?.user_id === 'string' && { user_id: sample.user_id }),
        ...(typeof sample?.business_code === 'string' && { business_code: sample.business_code }),
        group_name: fields.name,
        group_description: fields.description,
        created_at: now,
        updated_at: now,
      }
      shop.groups.push(group)
      return {
        status: 200,
        body: { status: 200, message: 'Group added successfully', data: { group: copy(group) } },
      }
    }
    const id = idAfter(base, '/customer-groups/')
    if (id === undefined) return undefined
    const group = shop.groups.find((candidate) => candidate.id === id)
    if (method !== 'GET' && method !== 'PUT') return undefined
    if (group === undefined) return error(404, 'Customer group not found')
    if (method === 'GET') {
      return { status: 200, body: { status: 200, message: 'Group found', data: { group: copy(group) } } }
    }
    const fields = fieldsOf(body)
    if (fields === undefined) return error(422, 'The group name field is required.')
    group.group_name = fields.name
    group.group_description = fields.description
    group.updated_at = timestamp()
    return {
      status: 200,
      body: { status: 200, message: 'Group updated successfully', data: { group: copy(group) } },
    }
  },
}

function fieldsOf(body: unknown): { name: string; description: string | null } | undefined {
  const { group_name, group_description } = (body ?? {}) as Record<string, unknown>
  if (typeof group_name !== 'string' || group_name === '') return undefined
  return { name: group_name, description: typeof group_description === 'string' ? group_description : null }
}

/** The list's filters: a business code, groups created from a time, updated up to a day (inclusive). */
function matches(group: StoredGroup, query: URLSearchParams): boolean {
  const code = query.get('business_code')
  if (code !== null && group.business_code !== code) return false
  const from = query.get('created_at')
  if (from !== null && String(group.created_at ?? '') < from) return false
  const to = query.get('updated_at')
  if (to !== null && String(group.updated_at ?? '').slice(0, 10) > to) return false
  return true
}
