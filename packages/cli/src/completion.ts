// Shell completion scripts, each made from the one description of the command line
// (command-line.ts): no shell keeps its own copy of the commands or their options.
import { type ArgumentSpec, type CommandSpec, commandSpecs, type OptionSpec } from './command-line.js'

export type Shell = 'bash' | 'zsh' | 'fish'

const program = 'customer-groups'
const banner = (shell: Shell) =>
  `# ${shell} completion for ${program}, printed by \`${program} completion ${shell}\`; regenerate it after an upgrade.`

/** Quoted for a POSIX shell (bash, zsh) or fish: between single quotes. */
function quote(text: string, shell: Shell): string {
  return shell === 'fish'
    ? `'${text.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`
    : `'${text.replaceAll("'", `'\\''`)}'`
}

const flags = (command: CommandSpec) =>
  command.options.flatMap((option) => [
    `--${option.name}`,
    ...(option.short === undefined ? [] : [`-${option.short}`]),
  ])

function bash(): string {
  const names = commandSpecs.map((command) => command.name)
  const compgenFor = (values: ArgumentSpec['values']) =>
    values.kind === 'file'
      ? 'COMPREPLY=($(compgen -f -- "$cur"))'
      : values.kind === 'choice'
        ? `COMPREPLY=($(compgen -W ${quote(values.choices.join(' '), 'bash')} -- "$cur"))`
        : 'COMPREPLY=()'
  const cases = commandSpecs.map((command) => {
    const takingValues = command.options.filter((option) => option.value !== undefined)
    const valueCases = takingValues.map(
      (option: OptionSpec) =>
        `        --${option.name}) ${compgenFor(option.values ?? { kind: 'text' })}; return ;;`,
    )
    const [argument] = command.arguments
    return [
      `    ${command.name})`,
      ...(valueCases.length > 0 ? ['      case "$prev" in', ...valueCases, '      esac'] : []),
      `      if [[ "$cur" == -* ]]; then COMPREPLY=($(compgen -W ${quote(flags(command).join(' '), 'bash')} -- "$cur")); return; fi`,
      `      ${argument === undefined ? 'COMPREPLY=()' : compgenFor(argument.values)}`,
      '      ;;',
    ].join('\n')
  })
  return `${banner('bash')}
# Load it with: source <(${program} completion bash)
_customer_groups() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="\${COMP_WORDS[COMP_CWORD-1]}"
  # --name=value: bash splits at the '='.
  if [[ "$cur" == "=" ]]; then cur=""; fi
  if [[ "$prev" == "=" && $COMP_CWORD -ge 2 ]]; then prev="\${COMP_WORDS[COMP_CWORD-2]}"; fi
  if [[ $COMP_CWORD -eq 1 ]]; then
    COMPREPLY=($(compgen -W ${quote([...names, 'help', '--help', '--version'].join(' '), 'bash')} -- "$cur"))
    return
  fi
  case "\${COMP_WORDS[1]}" in
    help) if [[ $COMP_CWORD -eq 2 ]]; then COMPREPLY=($(compgen -W ${quote(names.join(' '), 'bash')} -- "$cur")); fi ;;
${cases.join('\n')}
  esac
}
complete -o filenames -F _customer_groups ${program}
`
}

/** Escapes text for a description inside an _arguments spec. */
const zshText = (text: string) => text.replace(/[[\]:\\]/g, (character) => `\\${character}`)

function zshAction(values: ArgumentSpec['values'] | undefined): string {
  if (values === undefined || values.kind === 'text') return ' '
  return values.kind === 'file' ? '_files' : `(${values.choices.join(' ')})`
}

function zshOption(option: OptionSpec): string[] {
  const description = `[${zshText(option.description)}]`
  const value = option.value === undefined ? '' : `:${zshText(option.value)}:${zshAction(option.values)}`
  const repeat = option.multiple === true ? '*' : ''
  if (option.short === undefined) return [quote(`${repeat}--${option.name}${description}${value}`, 'zsh')]
  const both = `(-${option.short} --${option.name})`
  return [
    quote(`${both}-${option.short}${description}${value}`, 'zsh'),
    quote(`${both}--${option.name}${description}${value}`, 'zsh'),
  ]
}

function zsh(): string {
  const described = commandSpecs.map((command) => quote(`${command.name}:${command.summary}`, 'zsh'))
  const cases = commandSpecs.map((command) => {
    const specs = [
      ...command.options.flatMap(zshOption),
      ...command.arguments.map((argument) =>
        quote(
          `${argument.variadic === true ? '*' : ''}${argument.optional === true ? '::' : ':'}${zshText(argument.name)}:${zshAction(argument.values)}`,
          'zsh',
        ),
      ),
    ]
    return `    ${command.name}) _arguments -s \\\n      ${specs.join(' \\\n      ')} ;;`
  })
  return `#compdef ${program}
${banner('zsh')}
# Install it as a file named _${program} in a folder of $fpath, or load it with: source <(${program} completion zsh)
_customer_groups() {
  local -a commands
  commands=(
    ${described.join('\n    ')}
  )
  if (( CURRENT == 2 )); then
    _describe -t commands '${program} command' commands
    return
  fi
  local command=\${words[2]}
  # What follows the command is completed as if the command were the program.
  words=("\${words[1]}" "\${(@)words[3,-1]}")
  (( CURRENT-- ))
  case $command in
    help) (( CURRENT == 2 )) && _describe -t commands '${program} command' commands ;;
${cases.join('\n')}
  esac
}
# Autoloaded from $fpath (as _${program}), this file is the completion function's body: complete now.
if [[ "\${funcstack[1]}" == _customer[-_]groups ]]; then
  _customer_groups "$@"
else
  compdef _customer_groups ${program}
fi
`
}

function fish(): string {
  const lines = [
    banner('fish'),
    `# Install it with: ${program} completion fish > ~/.config/fish/completions/${program}.fish`,
    `function __customer_groups_needs_command`,
    '    test (count (commandline -opc)) -eq 1',
    'end',
    'function __customer_groups_using -a name',
    '    set -l tokens (commandline -opc)',
    '    test (count $tokens) -ge 2; and test "$tokens[2]" = "$name"',
    'end',
    `complete -c ${program} -f`,
    `complete -c ${program} -n __customer_groups_needs_command -l help -s h -d 'Show the help'`,
    `complete -c ${program} -n __customer_groups_needs_command -l version -d 'Show the version'`,
    `complete -c ${program} -n __customer_groups_needs_command -a help -d 'Show the help of a command'`,
  ]
  for (const command of commandSpecs) {
    lines.push(
      `complete -c ${program} -n __customer_groups_needs_command -a ${command.name} -d ${quote(command.summary, 'fish')}`,
      `complete -c ${program} -n '__customer_groups_using help' -a ${command.name} -d ${quote(command.summary, 'fish')}`,
    )
    const when = `-n '__customer_groups_using ${command.name}'`
    for (const option of command.options) {
      const parts = [`complete -c ${program} ${when} -l ${option.name}`]
      if (option.short !== undefined) parts.push(`-s ${option.short}`)
      if (option.value !== undefined) {
        const values = option.values ?? { kind: 'text' }
        if (values.kind === 'file') parts.push('-r -F')
        else if (values.kind === 'choice') parts.push(`-x -a ${quote(values.choices.join(' '), 'fish')}`)
        else parts.push('-x')
      }
      parts.push(`-d ${quote(option.description, 'fish')}`)
      lines.push(parts.join(' '))
    }
    for (const argument of command.arguments) {
      lines.push(
        argument.values.kind === 'file'
          ? `complete -c ${program} ${when} -F`
          : argument.values.kind === 'choice'
            ? `complete -c ${program} ${when} -a ${quote(argument.values.choices.join(' '), 'fish')} -d ${quote(argument.description, 'fish')}`
            : '',
      )
    }
  }
  return `${lines.filter((line) => line !== '').join('\n')}\n`
}

/** The completion script for `shell`, to be sourced or installed where the shell looks for one. */
export function completionScript(shell: Shell): string {
  return { bash, zsh, fish }[shell]()
}
