// Where the CLI finds what it is not told: the accounts file, and variables from a .env file.
import { existsSync, readFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { isAbsolute, join } from 'node:path'
import { parseEnv } from 'node:util'
import { InputError } from './usage-error.js'

/** The variable that names the accounts file when `--accounts` is not given. */
export const accountsVariable = 'CUSTOMER_GROUPS_ACCOUNTS'
/** The accounts file looked for in the current folder. */
export const localAccountsFile = 'customer-groups.accounts.yaml'

/** `$XDG_CONFIG_HOME/customer-groups/accounts.yaml`, else `~/.config/customer-groups/accounts.yaml`. */
export function userAccountsFile(env: NodeJS.ProcessEnv): string {
  const configHome = env.XDG_CONFIG_HOME
  // The XDG rule: a relative XDG_CONFIG_HOME is ignored.
  const folder =
    configHome !== undefined && configHome !== '' && isAbsolute(configHome)
      ? configHome
      : join(homedir(), '.config')
  return join(folder, 'customer-groups', 'accounts.yaml')
}

/**
 * The accounts file of a run: `--accounts`, else the file CUSTOMER_GROUPS_ACCOUNTS
 * names, else `customer-groups.accounts.yaml` in the current folder, else the
 * user's own in their config folder; none of these: no accounts file. A file
 * named by the flag or the variable must exist; the two others are used only when they do.
 */
export function accountsFile(
  flag: string | undefined,
  env: NodeJS.ProcessEnv,
  cwd: string = process.cwd(),
): string | undefined {
  if (flag !== undefined) return flag
  const named = env[accountsVariable]
  if (named !== undefined && named !== '') return named
  for (const candidate of [join(cwd, localAccountsFile), userAccountsFile(env)])
    if (existsSync(candidate)) return candidate
  return undefined
}

/**
 * Sets the variables of `.env` files given with `--env-file`, as Node's own
 * `--env-file` does: a variable already in the environment keeps its value,
 * and a later file wins over an earlier one. Nothing is read unless asked.
 */
export function loadEnvFiles(paths: readonly string[], env: NodeJS.ProcessEnv = process.env): void {
  const fromFiles: Record<string, string> = {}
  for (const path of paths) {
    let text: string
    try {
      text = readFileSync(path, 'utf8')
    } catch (error) {
      throw new InputError(
        `--env-file ${path}: cannot read it (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
      )
    }
    Object.assign(fromFiles, parseEnv(text))
  }
  for (const [name, value] of Object.entries(fromFiles)) if (env[name] === undefined) env[name] = value
}
