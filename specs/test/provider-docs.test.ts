import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { docsDir, factsOf, inventory } from './spec-helpers.js'

/** Every field name a Shoptet-style page lists as "- `name` (type…)" under a heading, grouped by heading. */
function listedFields(markdown: string): Map<string, string[]> {
  const sections = new Map<string, string[]>()
  let heading = ''
  for (const line of markdown.split('\n')) {
    const title = /^## (.+?):?\s*$/.exec(line)
    if (title) heading = title[1] ?? ''
    const field = /^\s+- `([^`]+)` \(/.exec(line)
    if (field && heading !== '') sections.set(heading, [...(sections.get(heading) ?? []), field[1] ?? ''])
  }
  return sections
}

/** Every key path in the JSON samples of a page (arrays of objects contribute their items' keys). */
function jsonKeyPaths(markdown: string): Set<string> {
  const paths = new Set<string>()
  const walk = (value: unknown, prefix: string) => {
    if (Array.isArray(value)) for (const item of value) walk(item, prefix)
    else if (typeof value === 'object' && value !== null) {
      for (const [key, child] of Object.entries(value)) {
        const path = prefix === '' ? key : `${prefix}.${key}`
        paths.add(path)
        walk(child, path)
      }
    }
  }
  for (const [, block] of markdown.matchAll(/```json\n([\s\S]*?)```/g)) {
    // The error sample lists two objects separated by a comma; read them as one array.
    walk(JSON.parse(`[${(block ?? '').trim().replace(/,\s*$/, '')}]`), '')
  }
  return paths
}

/** The facts of a list that come from the operation's own page, not from a fact sheet. */
function fromPage<T extends { source?: string }>(facts: T[] | undefined): T[] {
  return (facts ?? []).filter((fact) => fact.source === undefined)
}

describe.runIf(existsSync(docsDir))('the inventory names every field in the provider docs', () => {
  it('shoptet: every parameter, request field and response field, per status', () => {
    const facts = factsOf('shoptet', 'updateCustomerGroup')
    const page = readFileSync(join(docsDir, facts.source), 'utf8')
    const sections = listedFields(page)
    const parameterNames = (kind: string) =>
      fromPage(facts.parameters)
        .filter((p) => p.in === kind)
        .map((p) => p.name)
    expect(sections.get('Header parameters')).toEqual(parameterNames('header'))
    expect(sections.get('Path parameters')).toEqual(parameterNames('path'))
    expect(sections.get('Query parameters')).toEqual(parameterNames('query'))
    expect(sections.get('Request fields (application/json)')).toEqual(
      fromPage(facts.request).map((f) => f.name),
    )
    const documentedStatuses = [...sections.keys()].flatMap(
      (heading) => /^Response (\d{3}) fields/.exec(heading)?.[1] ?? [],
    )
    const pageStatuses = Object.keys(facts.responses).filter(
      (status) => fromPage(facts.responses[status]).length > 0,
    )
    expect(documentedStatuses).toEqual(pageStatuses)
    for (const status of documentedStatuses) {
      expect(sections.get(`Response ${status} fields (application/json)`), status).toEqual(
        fromPage(facts.responses[status]).map((f) => f.name),
      )
    }
    expect(page).toContain(`Endpoint: ${facts.method} ${facts.path}`)
    for (const scheme of inventory.shoptet.security) expect(page).toContain(scheme.scheme)
  })

  it('xtrakit: every parameter, body field and sample response key', () => {
    const facts = factsOf('xtrakit', 'updateCustomerGroup')
    const page = readFileSync(join(docsDir, facts.source), 'utf8')
    const tableNames = (heading: string) => {
      const section = page.split(heading)[1]?.split('\n## ')[0] ?? ''
      return [...section.matchAll(/<td><p>([a-z_]+)\s*<\/p><p><em><strong>(\w+)<\/strong>/g)].map(
        (m) => `${m[1]}:${m[2]}`,
      )
    }
    expect(tableNames('Path Parameters')).toEqual(
      fromPage(facts.parameters).map((p) => `${p.name}:${p.type}`),
    )
    expect(tableNames('Body Parameters')).toEqual(fromPage(facts.request).map((f) => `${f.name}:${f.type}`))
    const required = [...page.matchAll(/<td><p>([a-z_]+)\s*<\/p>.*?<\/td><td>(Required|Optional)<\/td>/g)]
    const requiredness = Object.fromEntries(required.map((m) => [m[1], m[2] === 'Required']))
    for (const field of [...fromPage(facts.parameters), ...fromPage(facts.request)])
      expect(requiredness[field.name], field.name).toBe(field.required)
    const inventoried = new Set(Object.values(facts.responses).flatMap((fields) => fields.map((f) => f.name)))
    expect([...jsonKeyPaths(page)].filter((path) => !inventoried.has(path))).toEqual([])
    expect(page).toContain(`${inventory.xtrakit.server}${facts.path}`)
    expect(page).toContain('Authorization: Bearer API_KEY')
  })
})
