import type { CommandSpec, OptionSpec } from './command-line.js'
import { closest } from './suggest.js'
import { safeText } from './terminal-text.js'
import { UsageError } from './usage-error.js'

export type OptionValues = Record<string, string | boolean | string[] | undefined>

export interface ParsedCommandLine {
  values: OptionValues
  positionals: string[]
}

const shown = (text: string) => safeText(text.length > 40 ? `${text.slice(0, 39)}…` : text)

/**
 * Reads a command's arguments by its description: `--name value`,
 * `--name=value`, `-h`, and `--` before arguments that start with a dash.
 * Every mistake is a {@link UsageError} in our words, naming the option
 * (never echoing a value that could be a secret).
 */
export function parseCommandLine(command: CommandSpec, args: readonly string[]): ParsedCommandLine {
  const values: OptionValues = {}
  const positionals: string[] = []
  const byName = new Map(command.options.map((option) => [option.name, option]))
  const byShort = new Map(
    command.options.flatMap((option) =>
      option.short === undefined ? [] : [[option.short, option] as const],
    ),
  )
  for (let at = 0; at < args.length; at++) {
    const arg = args[at] as string
    if (arg === '--') {
      positionals.push(...args.slice(at + 1))
      break
    }
    if (!arg.startsWith('-') || arg === '-') {
      positionals.push(arg)
      continue
    }
    const long = arg.startsWith('--')
    const equals = arg.indexOf('=')
    const name = long ? arg.slice(2, equals === -1 ? undefined : equals) : arg.slice(1)
    const option: OptionSpec | undefined = long ? byName.get(name) : byShort.get(name)
    if (option === undefined) throw unknownOption(command, long ? `--${name}` : arg)
    const flag = `--${option.name}`
    let value: string | boolean
    if (option.value === undefined) {
      if (long && equals !== -1) throw new UsageError(`${flag} takes no value`)
      value = true
    } else if (long && equals !== -1) {
      value = arg.slice(equals + 1)
    } else {
      const next = args[at + 1]
      if (next === undefined) throw new UsageError(`${flag} needs a value (${option.value})`)
      if (next.startsWith('-') && next !== '-')
        throw new UsageError(
          `${flag} needs a value (${option.value}), not the option ${shown(next.split('=')[0] as string)}; for a value that starts with a dash, write ${flag}=-…`,
        )
      value = next
      at++
    }
    if (option.multiple === true) {
      values[option.name] = [...((values[option.name] as string[] | undefined) ?? []), value as string]
    } else {
      if (values[option.name] !== undefined) throw new UsageError(`${flag} is given twice`)
      values[option.name] = value
    }
  }
  if (values.help === true) return { values, positionals }
  for (const option of command.options) {
    const given = values[option.name]
    if (option.values?.kind !== 'choice' || option.values.open === true || typeof given !== 'string') continue
    if (!option.values.choices.includes(given))
      throw new UsageError(`--${option.name} must be one of ${option.values.choices.join(', ')}`)
  }
  checkArguments(command, positionals)
  for (const alternatives of command.required) {
    if (alternatives.some((name) => values[name] !== undefined)) continue
    const flags = alternatives.map((name) => `--${name}`)
    throw new UsageError(flags.length === 1 ? `${flags[0]} is required` : `${flags.join(' or ')} is required`)
  }
  return { values, positionals }
}

function checkArguments(command: CommandSpec, positionals: string[]): void {
  const [spec] = command.arguments
  if (spec === undefined) {
    if (positionals.length > 0)
      throw new UsageError(`${command.name} takes no arguments, got "${shown(positionals[0] as string)}"`)
    return
  }
  if (spec.variadic === true) return
  if (positionals.length === 0) {
    if (spec.optional === true) return
    throw new UsageError(`${command.name} needs ${spec.name}`)
  }
  const [given] = positionals as [string]
  if (spec.values.kind === 'choice' && !spec.values.choices.includes(given))
    throw new UsageError(
      `${spec.name} must be one of ${spec.values.choices.join(', ')}, got "${shown(given)}"`,
    )
  if (positionals.length > 1)
    throw new UsageError(
      `${command.name} takes one ${spec.name}, got ${positionals.length} ("${shown(positionals[1] as string)}" is one too many)`,
    )
}

function unknownOption(command: CommandSpec, typed: string): UsageError {
  const names = command.options.map((option) => `--${option.name}`)
  const guess = typed.startsWith('--') ? closest(typed, names) : undefined
  return new UsageError(
    `${command.name} has no option ${shown(typed)}${guess === undefined ? '' : `; did you mean ${guess}?`}`,
  )
}
