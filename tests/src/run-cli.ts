import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { entryOf, type ProviderName, secretOf } from './providers.js'

/** The built `customer-groups` bin, as users run it. */
const bin = fileURLToPath(
  import.meta.resolve('@customer-groups/cli/package.json').replace('package.json', 'dist/cli.js'),
)

/** The bin and what Node runs first: the test-only providers join the registry, as in this process. */
export const cliCommand = [
  '--import',
  new URL('../register-test-providers.mjs', import.meta.url).href,
  bin,
] as const

export interface CliResult {
  code: number | null
  stdout: string
  stderr: string
}

export function runCli(args: string[], env: Record<string, string>): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [...cliCommand, ...args],
      { env: { PATH: process.env.PATH ?? '', ...env } },
      (error, stdout, stderr) =>
        resolve({ code: error === null ? 0 : ((error as { code?: number }).code ?? null), stdout, stderr }),
    )
  })
}

/** The environment that points a provider's default account at `baseUrl` with its test secret. */
export function cliEnv(provider: ProviderName, baseUrl: string): Record<string, string> {
  const entry = entryOf(provider)
  return {
    [entry.baseUrlVariable]: baseUrl,
    [entry.credentials[0]?.environmentVariable as string]: secretOf(provider),
  }
}
