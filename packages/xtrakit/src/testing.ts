// Xtrakit's test kit (`@customer-groups/xtrakit/testing`): a model of its API for the stateful mock,
// bodies shaped as its spec defines them, and its error envelope built from the spec's own example.
import type {
  FixtureGroup,
  ProviderTestKit,
  Shop,
  StatefulModel,
  StoredGroup,
} from '@customer-groups/runtime'
import { errorExamples } from './generated/error-examples.js'
import { xtrakitFacade } from './xtrakit-operations.js'

/** `YYYY-MM-DD HH:mm:ss`, as Xtrakit writes its dates. */
function timestamp(date = new Date()): string {
  return date.toISOString().slice(0, 19).replace('T', ' ')
}

const error = (status: number, message: string) => ({
  status,
  body: { status, error: message },
})
const groupAnswer = (message: string, group: StoredGroup) => ({
  status: 200,
  body: { status: 200, message, data: { group: structuredClone(group) } },
})

/**
 * Xtrakit as its spec describes it: groups answered in `{ status, message,
 * data }` envelopes; an edit replaces the name and the description (a
 * description left out is cleared); names need not be unique; no deletion.
 */
export const statefulXtrakit: StatefulModel = {
  fields: xtrakitFacade.fields,

  seed(listExample) {
    const groups = (listExample as { data?: { groups?: unknown } } | undefined)?.data?.groups
    const listed = (Array.isArray(groups) ? groups : [groups]).filter(Boolean)
    return { groups: structuredClone(listed) as StoredGroup[] }
  },

  handle({ method, path, query, body }, shop: Shop) {
    const base = path.replace(/\/+$/, '')
    if (base === '/customer-groups' && method === 'GET') {
      const groups = shop.groups
        .filter((group) => matches(group, query))
        .map((group) => structuredClone(group))
      return {
        status: 200,
        body: { status: 200, message: `Groups found: ${groups.length}`, data: { groups } },
      }
    }
    if (base === '/customer-groups/add' && method === 'POST') return add(shop, body)
    const id = /^\/customer-groups\/([1-9][0-9]{0,8})$/.exec(base)?.[1]
    if (id === undefined || (method !== 'GET' && method !== 'PUT')) return undefined
    const group = shop.groups.find((candidate) => candidate.id === Number(id))
    if (group === undefined) return error(404, 'Customer group not found')
    if (method === 'GET') return groupAnswer('Group found', group)
    const fields = fieldsOf(body)
    if (fields === undefined) return error(422, 'The group name field is required.')
    group.group_name = fields.name
    group.group_description = fields.description
    group.updated_at = timestamp()
    return groupAnswer('Group updated successfully', group)
  },
}

function add(shop: Shop, body: unknown) {
  const fields = fieldsOf(body)
  if (fields === undefined) return error(422, 'The group name field is required.')
  const [sample] = shop.groups
  const now = timestamp()
  const group: StoredGroup = {
    id: shop.groups.reduce((max, other) => Math.max(max, Number(other.id)), 0) + 1,
    ...(typeof sample?.user_id === 'string' && { user_id: sample.user_id }),
    ...(typeof sample?.business_code === 'string' && { business_code: sample.business_code }),
    group_name: fields.name,
    group_description: fields.description,
    created_at: now,
    updated_at: now,
  }
  shop.groups.push(group)
  return groupAnswer('Group added successfully', group)
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

/** Xtrakit's answer to an edit, with the group as stored; pass the fields your test cares about. */
export function xtrakitUpdateResponse(group: Record<string, unknown> = {}): {
  status: number
  message: string
  data: { group: Record<string, unknown> }
} {
  return {
    status: 200,
    message: 'Group updated successfully',
    data: { group: { id: 42, group_name: 'VIP', ...group } },
  }
}

const asXtrakitGroup = ({ id, name, description }: FixtureGroup): Record<string, unknown> => ({
  id: Number(id),
  group_name: name,
  ...(description !== undefined && { group_description: description }),
})

/** Xtrakit for the suites that run over every registered provider. */
export const testKit: ProviderTestKit = {
  stateful: statefulXtrakit,
  // The spec's example of that status (else its validation example), `{ status, error }`, saying `message`.
  errorBody: (message, status) => ({
    ...(errorExamples[String(status) as keyof typeof errorExamples] ?? errorExamples[422]),
    ...(status !== undefined && { status }),
    error: message,
  }),
  groupFields: (body) => {
    const { group_name, group_description } = (body ?? {}) as Record<string, unknown>
    return { name: group_name, description: group_description }
  },
  fixtureId: (n) => String(n),
  group: asXtrakitGroup,
  updateAnswer: (group) => xtrakitUpdateResponse(asXtrakitGroup(group)),
}
