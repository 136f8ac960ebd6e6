import { type NameMatching, nameMatchings } from '@customer-groups/client'
import { isMap, isSeq, type YAMLMap, type YAMLSeq } from 'yaml'
import { type FileIdentity, identityOf } from './input/source.js'
import { isAliasExpansionError, readYamlFile } from './input/yaml-file.js'
import { listProblems } from './problem-list.js'
import { isProviderName, type ProviderName, providerNames } from './providers.js'
import { InputError } from './usage-error.js'

/** A target as the file names it: a provider's default account, or an account of the accounts file. */
export interface DesiredTarget {
  provider?: ProviderName
  account?: string
  line: number
}

/** The desired-state file of `plan` and `sync`, read but not yet checked against the providers. */
export interface DesiredState {
  path: string
  identity: FileIdentity
  targets: DesiredTarget[]
  /** As written; the library checks each one. */
  groups: unknown[]
  /** The line each group starts on. */
  groupLines: number[]
  matchNames: NameMatching
}

const topKeys = ['targets', 'groups', 'matchNames']

/**
 * Reads a desired-state file (YAML or JSON):
 *
 * ```yaml
 * targets:                     # where the groups should be
 *   - provider: xtrakit        # the default account (XTRAKIT_API_KEY, --api-key)
 *   - account: shop-cz         # an account of the --accounts file
 * groups:                      # every group each target should have, by name
 *   - name: VIP customers
 *     description: Customers with a loyalty card   # left out: not managed; null: none
 *     providerOptions: { shoptet: { maxDiscount: "0.2000" } }
 * matchNames: exact            # or ignore-case-and-whitespace
 * ```
 *
 * Every problem is listed with its line; credentials are never in this file.
 */
export function readDesiredState(path: string): DesiredState {
  const { bytes, document, lineOf } = readYamlFile(path, path)
  const top = document.contents
  if (!isMap(top)) throw new InputError(`${path}: expected { targets: [...], groups: [...] }`)
  const problems: string[] = []
  for (const pair of (top as YAMLMap).items) {
    const key = String((pair.key as { value?: unknown } | null)?.value ?? pair.key)
    if (!topKeys.includes(key))
      problems.push(`line ${lineOf(pair.key)}: ${key}: is not one of ${topKeys.join(', ')}`)
  }
  let value: Record<string, unknown>
  try {
    value = document.toJS() as Record<string, unknown>
  } catch (error) {
    if (!isAliasExpansionError(error)) throw error
    throw new InputError(
      `${path}: not read: its YAML aliases (*name) expand to too much (${error.message}); write the values out`,
    )
  }

  const targetsNode = (top as YAMLMap).get('targets', true)
  const targets: DesiredTarget[] = []
  if (!isSeq(targetsNode) || (targetsNode as YAMLSeq).items.length === 0)
    problems.push('targets: must list at least one target ({ provider } or { account })')
  else
    (targetsNode as YAMLSeq).items.forEach((node, index) => {
      const line = lineOf(node)
      const at = `line ${line}: targets[${index}]`
      const item = (value.targets as unknown[])[index]
      const entry = typeof item === 'string' ? { provider: item } : item
      if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
        problems.push(`${at}: must be { provider } or { account }`)
        return
      }
      const { provider, account, ...rest } = entry as Record<string, unknown>
      for (const field of Object.keys(rest)) problems.push(`${at}.${field}: is not one of provider, account`)
      if (provider !== undefined && !isProviderName(provider))
        problems.push(`${at}.provider: must be one of ${providerNames.join(', ')}`)
      if (account !== undefined && (typeof account !== 'string' || account === ''))
        problems.push(`${at}.account: must be the name of an account of the --accounts file`)
      if (provider === undefined && account === undefined)
        problems.push(`${at}: names neither a provider nor an account`)
      targets.push({
        ...(isProviderName(provider) && { provider }),
        ...(typeof account === 'string' && account !== '' && { account }),
        line,
      })
    })

  const groupsNode = (top as YAMLMap).get('groups', true)
  const groupLines: number[] = []
  if (!isSeq(groupsNode)) problems.push('groups: must be a list of { name, description?, providerOptions? }')
  else for (const node of (groupsNode as YAMLSeq).items) groupLines.push(lineOf(node))

  const matchNames = (value.matchNames ?? 'exact') as NameMatching
  if (!nameMatchings.includes(matchNames))
    problems.push(`matchNames: must be one of ${nameMatchings.join(', ')}`)
  if (problems.length > 0)
    throw new InputError(`${path}: the desired-state file has problems:\n${listProblems(problems)}`)
  return {
    path,
    identity: identityOf(path, bytes),
    targets,
    groups: Array.isArray(value.groups) ? value.groups : [],
    groupLines,
    matchNames,
  }
}
