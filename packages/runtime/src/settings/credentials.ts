import { type ArgumentIssue, InvalidArgumentError } from '../errors.js'
import { credentialIssues } from './header-value.js'
import { readEnvironment } from './load-setting.js'

/** One way to authenticate: a credential of the provider's entry joined with its spec's security scheme. */
export interface CredentialSource {
  /** The setting's name, e.g. `apiKey`. */
  setting: string
  environmentVariable: string
  /** The header the spec's security scheme names. */
  header: string
  /** `Bearer ` for an HTTP bearer scheme, else empty. */
  prefix: string
}

/** Issues of the credentials given in code, found when the client is created. */
export function explicitCredentialIssues(
  sources: readonly CredentialSource[],
  settings: Record<string, unknown>,
): ArgumentIssue[] {
  return sources.flatMap(({ setting }) =>
    settings[setting] === undefined ? [] : credentialIssues(setting, settings[setting]),
  )
}

/**
 * The auth header of a call. A credential given in code always wins over the
 * environment, whichever of the provider's credentials it is; among several of
 * one kind, the first in the provider's order wins. The environment is read
 * now, at the time of the request, so a variable set after import is seen.
 */
export function resolveCredential(
  sources: readonly CredentialSource[],
  settings: Record<string, unknown>,
  context: string,
): { name: string; value: string } {
  // A loop, not `find`: this runs on every request.
  for (const source of sources) {
    const value = settings[source.setting]
    // Checked when the client was created.
    if (value !== undefined) return { name: source.header, value: source.prefix + String(value) }
  }
  for (const source of sources) {
    const value = readEnvironment(source.environmentVariable)
    if (value === undefined) continue
    const issues = credentialIssues(source.environmentVariable, value)
    if (issues.length > 0) throw new InvalidArgumentError(context, issues)
    return { name: source.header, value: source.prefix + value }
  }
  const settingsList = sources.map(({ setting }) => `\`${setting}\``).join(' or ')
  const variables = sources.map(({ environmentVariable }) => environmentVariable).join(' or ')
  throw new InvalidArgumentError(context, [
    {
      field: sources[0]?.setting ?? 'credentials',
      code: 'required',
      message: `is missing: pass ${settingsList}, or set ${variables}`,
    },
  ])
}
