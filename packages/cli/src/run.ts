import { type ParseArgsConfig, parseArgs } from 'node:util'
import { CustomerGroupsError, InvalidArgumentError } from '@customer-groups/client'
import { applyCommand } from './commands/apply.js'
import { mockCommand } from './commands/mock.js'
import { updateCommand } from './commands/update.js'
import { errorSummary } from './format.js'
import { type Output, processOutput } from './output.js'
import type { Connection } from './providers.js'
import { UsageError } from './usage-error.js'

export const usage = `Usage:
  customer-groups update --provider xtrakit|shoptet --id ID [--name NAME] [--description TEXT | --clear-description]
                         [--option key=value ...] [--language cs] [--base-url URL] [--json]
  customer-groups apply FILE [--concurrency N] [--dry-run] [--report out.json] [--resume out.json] [--json]
  customer-groups mock

FILE is YAML, JSON or CSV listing { provider, id, name?, description?, providerOptions? }.
Credentials: XTRAKIT_API_KEY, SHOPTET_ACCESS_TOKEN or SHOPTET_PRIVATE_API_TOKEN, or
--api-key / --access-token / --private-api-token. Base URLs: XTRAKIT_BASE_URL, SHOPTET_BASE_URL.
Also: --max-retries N, --timeout-ms N.
Exit codes: 0 all done, 1 some rows failed, 2 bad usage or a bad file.`

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

/** Runs the CLI with `argv` (without node and the script) and returns the exit code. */
export async function run(argv: string[], output: Output = processOutput): Promise<number> {
  const [command, ...rest] = argv
  let json = false
  try {
    if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
      output.out(usage)
      return command === undefined ? 2 : 0
    }
    if (command === 'mock') return await mockCommand(output)
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
              report: { type: 'string' },
              resume: { type: 'string' },
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
        report: text('report'),
        resume: text('resume'),
        json,
      },
      connection,
      output,
    )
  } catch (error) {
    const badInput = error instanceof UsageError || InvalidArgumentError.isInstance(error)
    if (json) output.out(JSON.stringify({ ok: false, error: errorSummary(error) }))
    output.err(error instanceof UsageError ? `${error.message}\n\n${usage}` : (error as Error).message)
    if (!badInput && !CustomerGroupsError.isInstance(error))
      output.err('(unexpected error; please report it)')
    return badInput ? 2 : 1
  }
}
