import { createRequire } from 'node:module'
import { type ParseArgsConfig, parseArgs } from 'node:util'
import { CustomerGroupsError, InvalidArgumentError } from '@customer-groups/client'
import type { Logger } from '@customer-groups/runtime'
import { applyCommand } from './commands/apply.js'
import { createCommand } from './commands/create.js'
import { deleteCommand } from './commands/delete.js'
import { getCommand } from './commands/get.js'
import { listCommand } from './commands/list.js'
import { mockCommand } from './commands/mock.js'
import { planCommand } from './commands/plan.js'
import { syncCommand } from './commands/sync.js'
import { updateCommand } from './commands/update.js'
import { errorSummary } from './format.js'
import { type Output, processOutput } from './output.js'
import {
  type Connection,
  credentialSettings,
  describeAllCredentials,
  flagOf,
  providerNames,
} from './providers.js'
import { safeJson, safeText } from './terminal-text.js'
import { InputError, UsageError } from './usage-error.js'

const providerChoice = providerNames.join('|')

export const usage = `Usage:
  customer-groups list   --provider ${providerChoice} [--option key=value ...] [--json]
  customer-groups get    --provider ${providerChoice} --id ID [--json]
  customer-groups create --provider ${providerChoice} --name NAME [--description TEXT] [--option key=value ...] [--json]
  customer-groups update --provider ${providerChoice} --id ID [--name NAME] [--description TEXT | --clear-description]
                         [--option key=value ...] [--language cs] [--json]
  customer-groups delete --provider ${providerChoice} --id ID [--yes] [--json]
  customer-groups apply FILE [--concurrency N] [--accounts ACCOUNTS] [--dry-run] [--json]
                         [--journal JOURNAL | --resume JOURNAL] [--force-resume] [--report REPORT.json]
                         [--format yaml|json|jsonl|csv]
  customer-groups plan DESIRED [--accounts ACCOUNTS] [--prune] [--target NAME ...] [--out PLAN.json]
                         [--format text|json|markdown|html | --json]
  customer-groups sync DESIRED [--accounts ACCOUNTS] [--prune [--allow-near-matches]] [--target NAME ...] [--yes]
                         [--concurrency N] [--journal JOURNAL] [--force-resume] [--json]
  customer-groups sync --plan PLAN.json [--accounts ACCOUNTS] [--allow-near-matches] [--target NAME ...] [--yes]
                         [--concurrency N] [--journal JOURNAL] [--force-resume] [--json]
  customer-groups mock [--stateful] [PROVIDER[:PORT] ...]
  customer-groups --version

FILE is YAML, JSON, JSON Lines or CSV listing { provider, account?, id, name?, description?, providerOptions? }.
DESIRED (YAML or JSON) is { targets: [{ provider } | { account }], groups: [{ name, description?, providerOptions?,
renamedFrom?: [old names] }], matchNames?: exact|ignore-case-and-whitespace }: plan shows what sync would change,
sync changes it. plan --out saves the plan; sync --plan applies exactly it, refusing what changed since (stale).
--target NAME (again for more): only that account, or a provider's default account; the others are not contacted.
ACCOUNTS (YAML or JSON) maps account names to { provider, <credential>Env, baseUrlEnv? }.
Credentials of the default accounts: ${describeAllCredentials()}.
Every command also takes --base-url URL (one provider), --max-retries N, --timeout-ms N,
and --verbose (a debug line per request on stderr, secrets redacted).
Exit codes: 0 all done, 1 some rows failed or were not run, 2 bad usage or a bad file (nothing sent);
plan: 0 nothing would change, 3 something would, 1 a target could not be planned, 2 bad usage or file.`

const common = {
  ...Object.fromEntries(credentialSettings.map((setting) => [flagOf(setting), { type: 'string' }])),
  'max-retries': { type: 'string' },
  'timeout-ms': { type: 'string' },
  verbose: { type: 'boolean' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsConfig['options']

const oneAccount = {
  ...common,
  provider: { type: 'string' },
  'base-url': { type: 'string' },
} as const satisfies ParseArgsConfig['options']

const options: Record<string, ParseArgsConfig['options']> = {
  list: { ...oneAccount, option: { type: 'string', multiple: true } },
  get: { ...oneAccount, id: { type: 'string' } },
  create: {
    ...oneAccount,
    name: { type: 'string' },
    description: { type: 'string' },
    option: { type: 'string', multiple: true },
  },
  update: {
    ...oneAccount,
    id: { type: 'string' },
    name: { type: 'string' },
    description: { type: 'string' },
    'clear-description': { type: 'boolean' },
    option: { type: 'string', multiple: true },
    language: { type: 'string' },
  },
  delete: { ...oneAccount, id: { type: 'string' }, yes: { type: 'boolean' } },
  apply: {
    ...common,
    concurrency: { type: 'string' },
    'dry-run': { type: 'boolean' },
    journal: { type: 'string' },
    report: { type: 'string' },
    resume: { type: 'string' },
    'force-resume': { type: 'boolean' },
    accounts: { type: 'string' },
    format: { type: 'string' },
  },
  plan: {
    ...common,
    accounts: { type: 'string' },
    prune: { type: 'boolean' },
    target: { type: 'string', multiple: true },
    out: { type: 'string' },
    format: { type: 'string' },
  },
  sync: {
    ...common,
    accounts: { type: 'string' },
    target: { type: 'string', multiple: true },
    plan: { type: 'string' },
    prune: { type: 'boolean' },
    'allow-near-matches': { type: 'boolean' },
    yes: { type: 'boolean' },
    concurrency: { type: 'string' },
    journal: { type: 'string' },
    'force-resume': { type: 'boolean' },
  },
}

function usageOfSync(): never {
  throw new UsageError('sync takes one DESIRED file, or --plan PLAN.json')
}

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

/** Debug lines for `--verbose`, on stderr: already redacted by the clients, escaped here for the terminal. */
function stderrLogger(output: Output): Logger {
  const write = (level: string) => (message: string) => output.err(`[${level}] ${safeText(message)}`)
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') }
}

/**
 * An error for people. Only our own line breaks are kept (one per bad
 * field); everything else is escaped, so a server's text cannot add lines.
 */
function describeError(error: unknown): string {
  if (InvalidArgumentError.isInstance(error)) {
    const [heading] = error.message.split('\n')
    return [
      safeText(heading),
      ...error.issues.map((issue) => `  - ${safeText(`${issue.field}: ${issue.message} (${issue.code})`)}`),
    ].join('\n')
  }
  if (error instanceof InputError) return error.message.split('\n').map(safeText).join('\n')
  return safeText(error instanceof Error ? error.message : String(error))
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
    const commandOptions = options[command]
    if (commandOptions === undefined) throw new UsageError(`Unknown command "${safeText(command)}".`)
    let parsed: ReturnType<typeof parseArgs>
    try {
      parsed = parseArgs({
        args: rest,
        options: commandOptions,
        allowPositionals: command === 'apply' || command === 'plan' || command === 'sync',
        strict: true,
      })
    } catch (error) {
      // parseArgs names the offending flag, never its value.
      throw new UsageError((error as Error).message)
    }
    const values = parsed.values as Record<string, string | boolean | string[] | undefined>
    // `plan --format json` is `--json`: an error is JSON too.
    json = values.json === true || (command === 'plan' && values.format === 'json')
    if (values.help === true) {
      output.out(usage)
      return 0
    }
    const text = (name: string) => values[name] as string | undefined
    const connection: Connection = {
      credentials: Object.fromEntries(credentialSettings.map((setting) => [setting, text(flagOf(setting))])),
      maxRetries: count('max-retries', text('max-retries')),
      timeoutMs: count('timeout-ms', text('timeout-ms')),
    }
    if (values.verbose === true) {
      connection.logLevel = 'debug'
      connection.logger = stderrLogger(output)
    }
    const one = {
      provider: text('provider'),
      baseUrl: text('base-url'),
      option: values.option as string[] | undefined,
      json,
    }
    switch (command) {
      case 'list':
        return await listCommand(one, connection, output)
      case 'get':
        return await getCommand({ ...one, id: text('id') }, connection, output)
      case 'create':
        return await createCommand(
          { ...one, name: text('name'), description: text('description') },
          connection,
          output,
        )
      case 'update':
        return await updateCommand(
          {
            ...one,
            id: text('id'),
            name: text('name'),
            description: text('description'),
            clearDescription: values['clear-description'] === true,
            language: text('language'),
          },
          connection,
          output,
        )
      case 'delete':
        return await deleteCommand({ ...one, id: text('id'), yes: values.yes === true }, connection, output)
    }
    const [file, ...extra] = parsed.positionals
    const targets = values.target as string[] | undefined
    if (command === 'sync')
      return await syncCommand(
        extra.length > 0 ? usageOfSync() : file,
        {
          accounts: text('accounts'),
          plan: text('plan'),
          targets,
          prune: values.prune === true,
          yes: values.yes === true,
          concurrency: text('concurrency'),
          journal: text('journal'),
          allowNearMatches: values['allow-near-matches'] === true,
          forceResume: values['force-resume'] === true,
          json,
        },
        connection,
        output,
      )
    if (file === undefined || extra.length > 0)
      throw new UsageError(`${command} takes exactly one ${command === 'apply' ? 'FILE' : 'DESIRED file'}`)
    if (command === 'plan')
      return await planCommand(
        file,
        {
          accounts: text('accounts'),
          prune: values.prune === true,
          targets,
          out: text('out'),
          format: text('format'),
          json,
        },
        connection,
        output,
      )
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
    output.err(error instanceof UsageError ? `${error.message}\n\n${usage}` : describeError(error))
    if (!badInput && !CustomerGroupsError.isInstance(error))
      output.err('(unexpected error; please report it)')
    return badInput ? 2 : 1
  }
}
