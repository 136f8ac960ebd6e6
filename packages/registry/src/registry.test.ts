import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import {
  builtInProviders,
  findProvider,
  isProviderId,
  providerEntries,
  providerIds,
  registerProvider,
  specPathOf,
} from './index.js'

const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  dependencies: Record<string, string>
}

describe('the provider registry', () => {
  it('gives every provider a unique id, package, factory and environment variables', () => {
    const unique = (values: string[]) => expect(new Set(values).size).toBe(values.length)
    const entries = providerEntries()
    unique(entries.map((entry) => entry.id))
    unique(entries.map((entry) => entry.packageName))
    unique(entries.map((entry) => entry.baseUrlVariable))
    unique(entries.flatMap((entry) => entry.credentials.map((credential) => credential.environmentVariable)))
    for (const entry of entries) {
      expect(entry.id).toMatch(/^[a-z][a-z0-9-]*$/)
      expect(entry.factory).toMatch(/^create[A-Z]/)
      expect(entry.transportFactory).toMatch(/^create[A-Z]\w*Transport$/)
      expect(entry.credentials.length).toBeGreaterThan(0)
    }
  })

  it('depends on every published provider, and on no provider it does not list', () => {
    // A provider missing from the dependencies would fail only when it is loaded; this fails at once.
    const listed = builtInProviders.map((entry) => entry.packageName).sort()
    const providerDependencies = Object.keys(manifest.dependencies)
      .filter((name) => name !== '@customer-groups/runtime')
      .sort()
    expect(providerDependencies).toEqual(listed)
  })

  it('names specs that ship with each package, and security schemes each spec defines', () => {
    for (const entry of builtInProviders) {
      const text = readFileSync(specPathOf(entry.id), 'utf8')
      for (const credential of entry.credentials)
        expect(text).toContain(`\n    ${credential.securityScheme}:\n`)
    }
  })

  it('looks providers up by id', () => {
    expect(providerIds()).toEqual(providerEntries().map((entry) => entry.id))
    for (const id of providerIds()) {
      expect(isProviderId(id)).toBe(true)
      expect(findProvider(id)?.id).toBe(id)
    }
    expect(isProviderId('nope')).toBe(false)
    expect(findProvider('nope')).toBeUndefined()
  })

  it('refuses a plug-in that would take another provider’s id or variables, or comes after the list was read', () => {
    const [first] = builtInProviders
    const plugin = (entry: Record<string, unknown>) => ({
      entry: { ...first, ...entry } as never,
      load: async () => ({}),
      loadTestKit: async () => ({}) as never,
      specPath: () => '',
    })
    expect(() => registerProvider(plugin({}))).toThrow(/already belong to another provider/)
    expect(() =>
      registerProvider(
        plugin({
          id: 'other',
          baseUrlVariable: 'OTHER_BASE_URL',
          credentials: [
            { ...first.credentials[0], environmentVariable: first.credentials[0].environmentVariable },
          ],
        }),
      ),
    ).toThrow(new RegExp(`${first.credentials[0].environmentVariable} already belong`))
    expect(() =>
      registerProvider(
        plugin({
          id: 'other',
          baseUrlVariable: 'OTHER_BASE_URL',
          credentials: [{ setting: 'key', environmentVariable: 'OTHER_KEY', securityScheme: 'x' }],
        }),
      ),
    ).toThrow(/already been read/)
  })
})
