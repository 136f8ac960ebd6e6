import { createRequire } from 'node:module'
import { CustomerGroupsError, InvalidArgumentError } from '@customer-groups/client'
import type { Logger } from '@customer-groups/runtime'
import { type CommandSpec, commandSpec, commandSpecs } from './command-line.js'
import { applyCommand } from './commands/apply.js'
import { createCommand } from './commands/create.js'
import { deleteCommand } from './commands/delete.js'
import { getCommand } from './commands/get.js'
import { listCommand } from './commands/list.js'
import { mockCommand } from './commands/mock.js'
import { planCommand } from './commands/plan.js'
import { syncCommand } from './commands/sync.js'
import { updateCommand } from './commands/update.js'
import { completionScript, type Shell } from './completion.js'
import { accountsFile, loadEnvFiles } from './defaults.js'
import { errorSummary } from './format.js'
import { commandHelp, globalHelp, helpPointer } from './help.js'
import { type Output, processOutput } from './output.js'
import { type OptionValues, parseCommandLine } from './parse-command-line.js'
import { writeAboveProgress } from './progress.js'
import { type Connection, credentialSettings, flagOf } from './providers.js'
import { proxyFetch } from './proxy.js'
import { closest } from './suggest.js'
import { safeJson, safeText } from './terminal-text.js'
import { InputError, UsageError } from './usage-error.js'

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

/**
 * Debug lines for `--verbose`, on stderr: already redacted by the clients,
 * escaped here for the terminal, and written above a progress bar when one is drawn.
 */
function stderrLogger(output: Output): Logger {
  const write = (level: string) => (message: string) => {
    const line = `[${level}] ${safeText(message)}`
    if (!writeAboveProgress(output.progressStream, line)) output.err(line)
  }
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') }
}

function unknownCommand(typed: string): UsageError {
  const guess = closest(typed, [...commandSpecs.map((command) => command.name), 'help', 'version'])
  return new UsageError(
    `Unknown command "${safeText(typed)}"${guess === undefined ? '' : `; did you mean ${guess}?`}`,
  )
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

/** The global usage, as `customer-groups --help` prints it. */
export const usage: string = globalHelp()

/** Runs the CLI with `argv` (without node and the script) and returns the exit code. */
export async function run(argv: string[], output: Output = processOutput): Promise<number> {
  const [command, ...rest] = argv
  let json = false
  let spec: CommandSpec | undefined
  try {
    if (command === undefined) {
      output.err(usage)
      return 2
    }
    if (command === '--help' || command === '-h') {
      output.out(usage)
      return 0
    }
    if (command === 'help') {
      const [topic, ...extra] = rest
      if (extra.length > 0) throw new UsageError('help takes at most one command')
      const about = topic === undefined ? undefined : commandSpec(topic)
      if (topic !== undefined && about === undefined) throw unknownCommand(topic)
      output.out(about === undefined ? usage : commandHelp(about))
      return 0
    }
    if (command === '--version' || command === '-v' || command === 'version') {
      output.out(version())
      return 0
    }
    spec = commandSpec(command)
    if (spec === undefined) throw unknownCommand(command)
    const parsed = parseCommandLine(spec, rest)
    const values = parsed.values
    // `plan --format json` is `--json`: an error is JSON too.
    json = values.json === true || (command === 'plan' && values.format === 'json')
    if (values.help === true) {
      output.out(commandHelp(spec))
      return 0
    }
    if (command === 'completion') {
      output.out(completionScript(parsed.positionals[0] as Shell))
      return 0
    }
    if (command === 'mock') return await mockCommand(parsed.positionals, values.stateful === true, output)
    const text = (name: string) => values[name] as string | undefined
    loadEnvFiles((values['env-file'] as string[] | undefined) ?? [])
    const accounts = accountsFile(text('accounts'), process.env)
    const connection: Connection = {
      credentials: Object.fromEntries(credentialSettings.map((setting) => [setting, text(flagOf(setting))])),
      maxRetries: count('max-retries', text('max-retries')),
      timeoutMs: count('timeout-ms', text('timeout-ms')),
    }
    const viaProxy = await proxyFetch(process.env)
    if (viaProxy !== undefined) connection.fetch = viaProxy
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
        return await getCommand({ ...one, id: text('id'), name: text('name') }, connection, output)
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
          },
          connection,
          output,
        )
      case 'delete':
        return await deleteCommand(
          { ...one, id: text('id'), name: text('name'), yes: values.yes === true },
          connection,
          output,
        )
    }
    return await fileCommand(command, parsed.positionals[0], values, { accounts, json }, connection, output)
  } catch (error) {
    const badInput =
      error instanceof UsageError || error instanceof InputError || InvalidArgumentError.isInstance(error)
    if (json) output.out(safeJson({ ok: false, error: errorSummary(error) }))
    // A mistyped command line gets its one line and where the usage is; a bad file, its message alone.
    output.err(
      error instanceof UsageError
        ? `${safeText(error.message)}\n${helpPointer(spec?.name)}`
        : describeError(error),
    )
    if (!badInput && !CustomerGroupsError.isInstance(error))
      output.err('(unexpected error; please report it)')
    return badInput ? 2 : 1
  }
}

/** `apply FILE`, `plan DESIRED`, `sync [DESIRED]`: their flags, from the parsed command line. */
function fileCommand(
  command: string,
  file: string | undefined,
  values: OptionValues,
  shared: { accounts: string | undefined; json: boolean },
  connection: Connection,
  output: Output,
): Promise<number> {
  const text = (name: string) => values[name] as string | undefined
  const { accounts, json } = shared
  const targets = values.target as string[] | undefined
  if (command === 'plan')
    return planCommand(
      file as string,
      { accounts, prune: values.prune === true, targets, out: text('out'), format: text('format'), json },
      connection,
      output,
    )
  if (command === 'sync')
    return syncCommand(
      file,
      {
        accounts,
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
  return applyCommand(
    file as string,
    {
      concurrency: text('concurrency'),
      dryRun: values['dry-run'] === true,
      journal: text('journal'),
      report: text('report'),
      resume: text('resume'),
      forceResume: values['force-resume'] === true,
      accounts,
      format: text('format'),
      json,
    },
    connection,
    output,
  )
}
