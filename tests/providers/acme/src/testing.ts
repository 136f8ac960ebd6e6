// Acme's test kit: a model of its API for the stateful mock, bodies shaped as its spec defines them,
// and its error object built from the spec's own example.
import type {
  FixtureGroup,
  ProviderTestKit,
  StatefulAnswer,
  StatefulModel,
  StoredGroup,
} from '@customer-groups/runtime'
import { acmeFacade } from './acme-operations.js'
import { errorExamples } from './generated/error-examples.js'

const problem = (status: number, code: string, message: string): StatefulAnswer => ({
  status,
  body: { error: { code, message } },
})

/**
 * Acme as its spec describes it: ids are strings; a change sets the fields
 * given and counts the group's revision; titles need not be unique; nothing
 * is created or deleted.
 */
export const statefulAcme: StatefulModel = {
  fields: acmeFacade.fields,

  seed(listExample) {
    const groups = (listExample as { groups?: unknown } | undefined)?.groups
    return { groups: structuredClone(Array.isArray(groups) ? groups : []) as StoredGroup[] }
  },

  handle({ method, path, body }, shop) {
    const base = path.replace(/\/+$/, '')
    if (base === '/groups' && method === 'GET') {
      return { status: 200, body: { groups: shop.groups.map((group) => structuredClone(group)) } }
    }
    const id = /^\/groups\/(grp_[a-z0-9_]{1,40})$/.exec(base)?.[1]
    if (id === undefined || method !== 'PATCH') return undefined
    const group = shop.groups.find((candidate) => candidate.id === id)
    if (group === undefined) return problem(404, 'not_found', 'No group has this id.')
    const { title, note } = (body ?? {}) as { title?: unknown; note?: unknown }
    if (title !== undefined) group.title = title
    if (note !== undefined) group.note = note
    group.revision = Number(group.revision ?? 0) + 1
    return { status: 200, body: { group: structuredClone(group) } }
  },
}

const asAcmeGroup = ({ id, name, description }: FixtureGroup): Record<string, unknown> => ({
  id: String(id),
  title: name,
  note: description ?? null,
  revision: 1,
})

/** Acme for the suites that run over every registered provider. */
export const testKit: ProviderTestKit = {
  stateful: statefulAcme,
  // The spec's example of that status (else its 422), `{ error: { code, message } }`, saying `message`.
  errorBody: (message, status) => {
    const example = errorExamples[String(status) as keyof typeof errorExamples] ?? errorExamples[422]
    return { error: { ...example.error, message } }
  },
  groupFields: (body) => {
    const { title, note } = (body ?? {}) as Record<string, unknown>
    return { name: title, description: note }
  },
  fixtureId: (n) => `grp_${n}`,
  group: asAcmeGroup,
  updateAnswer: (group) => ({ group: asAcmeGroup(group) }),
}
