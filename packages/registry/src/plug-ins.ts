import { fileURLToPath } from 'node:url'
import type { ProviderEntry, ProviderTestKit } from '@customer-groups/runtime'
import { builtInProviders } from './providers.js'

/** What a provider package exports from its main entry point: its factory (named by its entry) among the rest. */
export type ProviderModule = Readonly<Record<string, unknown>>

/**
 * A provider the registry lists: its entry, and how to load its package, its
 * test kit and its spec. The registry builds these for the published
 * providers from their package names; a plug-in gives its own.
 */
export interface RegisteredProvider {
  readonly entry: ProviderEntry
  /** The provider's package: its factory (`entry.factory`), its operations and its spec info. */
  load(): Promise<ProviderModule>
  /** The provider's test kit (`<package>/testing`). */
  loadTestKit(): Promise<ProviderTestKit>
  /** The path of the spec its package ships. */
  specPath(): string
}

/** A provider outside the published list, registered by code that runs first (a test set-up, `node --import`). */
export interface ProviderPlugin extends RegisteredProvider {}

function published(entry: ProviderEntry): RegisteredProvider {
  return {
    entry,
    // Resolved from here: the registry depends on every published provider, so each one is found.
    load: () => import(entry.packageName) as Promise<ProviderModule>,
    loadTestKit: async () =>
      ((await import(`${entry.packageName}/testing`)) as { testKit: ProviderTestKit }).testKit,
    specPath: () => fileURLToPath(import.meta.resolve(`${entry.packageName}/openapi.yaml`)),
  }
}

const registered: RegisteredProvider[] = builtInProviders.map(published)
/** Set on the first read of the list: a plug-in registered later would be missed by whoever read it. */
let read = false

/** Every provider: the published ones, then the plug-ins, in the order they were registered. */
export function registeredProviders(): readonly RegisteredProvider[] {
  read = true
  return registered
}

/**
 * Adds a provider that is not published with the registry, such as a
 * test-only one. It must come before anything reads the list, and may not
 * take an id, an environment variable or a base-URL variable another
 * provider has: a credential set for one provider must never reach another.
 */
export function registerProvider(plugin: ProviderPlugin): void {
  const existing = registered.find((provider) => provider.entry.id === plugin.entry.id)
  if (existing === plugin) return
  const problems = pluginProblems(plugin.entry)
  if (read) problems.push('the registry has already been read: register it before anything lists providers')
  if (problems.length > 0)
    throw new Error(`Cannot register provider ${String(plugin.entry.id)}: ${problems.join('; ')}`)
  registered.push(plugin)
}

function pluginProblems(entry: ProviderEntry): string[] {
  const problems: string[] = []
  if (typeof entry.id !== 'string' || !/^[a-z][a-z0-9-]*$/.test(entry.id))
    problems.push('its id must be lower-case letters, digits and dashes')
  const taken = new Set(
    registered.flatMap(({ entry: other }) => [
      other.id,
      other.baseUrlVariable,
      ...other.credentials.map((credential) => credential.environmentVariable),
    ]),
  )
  const own = [entry.id, entry.baseUrlVariable, ...entry.credentials.map((c) => c.environmentVariable)]
  const clashes = own.filter((name) => taken.has(name))
  if (clashes.length > 0) problems.push(`${clashes.join(', ')} already belong to another provider`)
  if (entry.credentials.length === 0) problems.push('it names no credential')
  if (typeof entry.parseError !== 'function') problems.push('it has no error reader (parseError)')
  return problems
}
