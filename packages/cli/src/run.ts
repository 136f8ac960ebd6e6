import { createRequire } from 'node:module'
import { type ParseArgsConfig, parseArgs } from 'node:util'
import { CustomerGroupsError, InvalidArgumentError } from '@customer-groups/client'
import { applyCommand } from './commands/apply.js'
import { mockCommand } from './commands/mock.js'
import { updateCommand } from './commands/update.js'
import { errorSummary } from './format.js'
import { type Output, processOutput } from './output.js'
import type { Connection } from './providers.js'
import { safeJson, safeText } from './terminal-text.js'
import { InputError, UsageError } from './usage-error.js'

export const usage = `Usage:
  customer-groups update --provider xtrakit|shoptet --id ID [--name NAME] [--description TEXT | --clear-description]
                         [--option key=value ...] [--language cs] [--base-url URL] [--json]
  customer-groups apply FILE [--concurrency N] [--accounts ACCOUNTS] [--dry-run] [--json]
                         [--journal JOURNAL | --resume JOURNAL [--force-resume]] [--report REPORT.json]
                         [--format yaml|json|jsonl|csv]
  customer-groups mock [PROVIDER[:PORT] ...]
  customer-groups --version

FILE is YAML, JSON, JSON Lines or CSV listing { provider, account?, id, name?, description?, providerOptions? }.
ACCOUNTS (YAML or JSON) maps account names to { provider, <credential>Env, baseUrlEnv? }.
Credentials of the default accounts: XTRAKIT_API_KEY, SHOPTET_ACCESS_TOKEN or SHOPTET_PRIVATE_API_TOKEN, or
--api-key / --access-token / --private-api-token. Base URLs: XTRAKIT_BASE_URL, SHOPTET_BASE_URL.
Also: --max-retries N, --timeout-ms N.
Exit codes: 0 all done, 1 some rows failed or were not run, 2 bad usage or a bad file (nothing sent).`

const connectionOptions = {
  'api-key': { type: 'string' },
  'access-token': { type: 'string' },
  'private-api-token': { type: 'string' },
  'max-retries': { type: 'string' },
  'timeout-ms': { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const

function count(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined
  const number = Number(value)
  if (!Number.isSafeInteger(number) || number < 0) throw new UsageError(`--${name} must be a whole number`)
  return number
}

/** The CLI's version, from its package.json. */
export function version(): string {
  const require = createRequire(import.meta.url)
  return (require('../package.json') as { version: string }).version
}

/** Runs the CLI with `argv` (without node and the script) and returns the exit code. */
export async function run(argv: string[], output: Output = processOutput): Promise<number> {
  const [command, ...rest] = argv
  let json = false
  try {
    if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
      output.out(usage)
      return command === undefined ? 2 : 0
    }
    if (command === '--version' || command === '-v' || command === 'version') {
      output.out(version())
      return 0
    }
    if (command === 'mock') return await mockCommand(rest, output)
    const options: ParseArgsConfig['options'] =
      command === 'update'
        ? {
            ...connectionOptions,
            provider: { type: 'string' },
            id: { type: 'string' },
            name: { type: 'string' },
            description: { type: 'string' },
            'clear-description': { type: 'boolean' },
            option: { type: 'string', multiple: true },
            language: { type: 'string' },
            'base-url': { type: 'string' },
          }
        : command === 'apply'
          ? {
              ...connectionOptions,
              concurrency: { type: 'string' },
              'dry-run': { type: 'boolean' },
              journal: { type: 'string' },
              report: { type: 'string' },
              resume: { type: 'string' },
              'force-resume': { type: 'boolean' },
              accounts: { type: 'string' },
              format: { type: 'string' },
            }
          : undefined
    if (options === undefined) throw new UsageError(`Unknown command "${command}".`)
    let parsed: ReturnType<typeof parseArgs>
    try {
      parsed = parseArgs({ args: rest, options, allowPositionals: command === 'apply', strict: true })
    } catch (error) {
      // parseArgs names the offending flag, never its value.
      throw new UsageError((error as Error).message)
    }
    const values = parsed.values as Record<string, string | boolean | string[] | undefined>
    json = values.json === true
    if (values.help === true) {
      output.out(usage)
      return 0
    }
    const text = (name: string) => values[name] as string | undefined
    const connection: Connection = {
      apiKey: text('api-key'),
      accessToken: text('access-token'),
      privateApiToken: text('private-api-token'),
      maxRetries: count('max-retries', text('max-retries')),
      timeoutMs: count('timeout-ms', text('timeout-ms')),
    }
    if (command === 'update') {
      return await updateCommand(
        {
          provider: text('provider'),
          id: text('id'),
          name: text('name'),
          description: text('description'),
          clearDescription: values['clear-description'] === true,
          option: values.option as string[] | undefined,
          language: text('language'),
          baseUrl: text('base-url'),
          json,
        },
        connection,
        output,
      )
    }
    const [file, ...extra] = parsed.positionals
    if (file === undefined || extra.length > 0) throw new UsageError('apply takes exactly one FILE')
    return await applyCommand(
      file,
      {
        concurrency: text('concurrency'),
        dryRun: values['dry-run'] === true,
        journal: text('journal'),
        report: text('report'),
        resume: text('resume'),
        forceResume: values['force-resume'] === true,
        accounts: text('accounts'),
        format: text('format'),
        json,
      },
      connection,
      output,
    )
  } catch (error) {
    const badInput =
      error instanceof UsageError || error instanceof InputError || InvalidArgumentError.isInstance(error)
    if (json) output.out(safeJson({ ok: false, error: errorSummary(error) }))
    // The usage helps with a mistyped command line, not with a bad file.
    output.err(
      error instanceof UsageError
        ? `${error.message}\n\n${usage}`
        : safeText((error as Error).message).replaceAll('\\n', '\n'),
    )
    if (!badInput && !CustomerGroupsError.isInstance(error))
      output.err('(unexpected error; please report it)')
    return badInput ? 2 : 1
  }
}
