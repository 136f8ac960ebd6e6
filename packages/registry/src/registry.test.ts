import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { findProvider, isProviderId, providerIds, providers } from './index.js'

const repo = fileURLToPath(new URL('../../../', import.meta.url))

describe('the provider registry', () => {
  it('gives every provider a unique id, package, factory, spec and environment variables', () => {
    const unique = (values: string[]) => expect(new Set(values).size).toBe(values.length)
    unique(providers.map((entry) => entry.id))
    unique(providers.map((entry) => entry.packageName))
    unique(providers.map((entry) => entry.specFile))
    unique(providers.map((entry) => entry.baseUrlVariable))
    unique(
      providers.flatMap((entry) => entry.credentials.map((credential) => credential.environmentVariable)),
    )
    for (const entry of providers) {
      expect(entry.id).toMatch(/^[a-z][a-z0-9-]*$/)
      expect(entry.factory).toMatch(/^create[A-Z]/)
      expect(entry.credentials.length).toBeGreaterThan(0)
    }
  })

  it('names specs that exist, and security schemes each spec defines', () => {
    for (const entry of providers) {
      const spec = `${repo}specs/${entry.specFile}`
      expect(existsSync(spec)).toBe(true)
      const text = readFileSync(spec, 'utf8')
      for (const credential of entry.credentials)
        expect(text).toContain(`\n    ${credential.securityScheme}:\n`)
    }
  })

  it('looks providers up by id', () => {
    expect(providerIds).toEqual(providers.map((entry) => entry.id))
    for (const id of providerIds) {
      expect(isProviderId(id)).toBe(true)
      expect(findProvider(id)?.id).toBe(id)
    }
    expect(isProviderId('nope')).toBe(false)
    expect(findProvider('nope')).toBeUndefined()
  })
})
