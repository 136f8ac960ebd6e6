import { type CommandSpec, commandSpecs, commonOptions, type OptionSpec } from './command-line.js'
import { providerNames } from './providers.js'

const program = 'customer-groups'

function optionLabel(option: OptionSpec): string {
  const long = `--${option.name}${option.value === undefined ? '' : ` ${option.value}`}`
  return option.short === undefined ? long : `-${option.short}, ${long}`
}

function synopsisOf(command: CommandSpec): string {
  const byName = new Map(command.options.map((option) => [option.name, option]))
  const parts = [program, command.name]
  for (const argument of command.arguments)
    parts.push(
      argument.variadic === true
        ? `[${argument.name} ...]`
        : argument.optional === true
          ? `[${argument.name}]`
          : argument.name,
    )
  for (const alternatives of command.required) {
    const labels = alternatives.map((name) => optionLabel(byName.get(name) as OptionSpec))
    parts.push(labels.length === 1 ? (labels[0] as string) : `(${labels.join(' | ')})`)
  }
  parts.push('[options]')
  return parts.join(' ')
}

/** Two columns, the first padded to its longest entry (within reason). */
function table(rows: [string, string][]): string[] {
  const width = Math.min(32, Math.max(...rows.map(([left]) => left.length)))
  return rows.map(([left, right]) =>
    left.length > width ? `  ${left}\n  ${' '.repeat(width)}  ${right}` : `  ${left.padEnd(width)}  ${right}`,
  )
}

/** `customer-groups COMMAND --help`. */
export function commandHelp(command: CommandSpec): string {
  const required = new Set(command.required.flat())
  const lines = [`Usage: ${synopsisOf(command)}`, '', `${command.summary}.`]
  if (command.details !== undefined) lines.push('', command.details)
  if (command.arguments.length > 0) {
    lines.push('', 'Arguments:')
    lines.push(...table(command.arguments.map((argument) => [argument.name, argument.description])))
  }
  lines.push('', 'Options:')
  lines.push(
    ...table(
      command.options.map((option) => [
        optionLabel(option),
        `${option.description}${required.has(option.name) ? ' (required)' : ''}${option.multiple === true ? ' (repeatable)' : ''}`,
      ]),
    ),
  )
  return lines.join('\n')
}

/** `customer-groups --help`: the commands, the options they share, and the exit codes. */
export function globalHelp(): string {
  const shared = commandSpecs
    .filter((command) => commonOptions.every((option) => command.options.includes(option)))
    .map((command) => command.name)
  return [
    `Usage: ${program} <command> [options]`,
    '',
    `Customer groups on ${providerNames.join(' and ')}, from the shell.`,
    '',
    'Commands:',
    ...table(commandSpecs.map((command) => [command.name, command.summary])),
    '',
    `Options of ${shared.join(', ')}:`,
    ...table(commonOptions.map((option) => [optionLabel(option), option.description])),
    '',
    'Exit codes: 0 all done; 1 something failed or was not run; 2 bad usage or a bad file (nothing sent);',
    '3 plan: something would change.',
    '',
    `Run '${program} <command> --help' for a command's options, '${program} --version' for the version.`,
  ].join('\n')
}

/** The line after a usage error: where the whole usage is. */
export function helpPointer(command: string | undefined): string {
  return command === undefined
    ? `Run '${program} --help' for the commands.`
    : `Run '${program} ${command} --help' for its usage.`
}
